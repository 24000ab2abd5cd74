using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>
/// The ports <c>analyze</c> covers when none are given: every port/protocol a pod serves (its declared container
/// ports) plus every numeric port a policy mentions — NetworkPolicy <c>port</c> and <c>endPort</c> (protocol TCP when
/// omitted), AdminNetworkPolicy/ClusterNetworkPolicy <c>portNumber</c> and both bounds of <c>portRange</c>. Named
/// ports add nothing of their own: they resolve to container ports, which are already included.
/// </summary>
public static class PortDiscovery
{
    public static IReadOnlyList<PortSpec> Discover(ClusterSnapshot snapshot)
    {
        var ports = new SortedSet<PortSpec>();

        foreach (var pod in snapshot.Pods.Values)
            foreach (var port in pod.Ports)
                Add(ports, port.Port, port.Protocol);

        foreach (var policy in snapshot.NetworkPolicies.Values)
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
                foreach (var port in rule.Ports)
                {
                    if (!TryProtocol(port.Protocol, out var protocol)) continue;
                    if (port.Port is { Number: { } number }) Add(ports, number, protocol);
                    if (port.EndPort is { } end) Add(ports, end, protocol);
                }

        foreach (var policy in snapshot.AdminPolicies.Values)
            foreach (var rule in policy.Ingress.Concat(policy.Egress))
                foreach (var port in rule.Ports ?? [])
                    switch (port)
                    {
                        case AdminPort.Number n when TryProtocol(n.Protocol, out var p):
                            Add(ports, n.Port, p);
                            break;
                        case AdminPort.Range r when TryProtocol(r.Protocol, out var p):
                            Add(ports, r.Start, p);
                            Add(ports, r.End, p);
                            break;
                    }

        return [.. ports];
    }

    /// <summary>Both APIs default an omitted protocol to TCP.</summary>
    private static bool TryProtocol(string? written, out Protocol protocol) =>
        ProtocolNames.TryParse(string.IsNullOrEmpty(written) ? "TCP" : written, out protocol);

    private static void Add(SortedSet<PortSpec> ports, int port, Protocol protocol)
    {
        if (port is >= PortSpec.MinPort and <= PortSpec.MaxPort)
            ports.Add(new PortSpec(port, protocol));
    }
}
