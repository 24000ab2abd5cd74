using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Diff;

/// <summary>The port/protocol pairs where a verdict can change: what the diff probes and what the CLI's matrix covers.</summary>
public static class PolicyPorts
{
    /// <summary>The container ports a pod declares.</summary>
    public static IEnumerable<(int Port, Protocol Protocol)> Served(PodInfo pod) =>
        pod.Ports.IsDefault ? [] : pod.Ports.Select(p => (p.Port, p.Protocol));

    /// <summary>
    /// Every numeric port a policy names: NetworkPolicy port and endPort, admin-tier portNumber and both ends of a
    /// portRange — the boundaries where a verdict can change. Named ports resolve to container ports, which
    /// <see cref="Served"/> already covers.
    /// </summary>
    public static HashSet<(int Port, Protocol Protocol)> Mentioned(ClusterSnapshot snapshot)
    {
        var ports = new HashSet<(int, Protocol)>();
        foreach (var policy in snapshot.NetworkPolicies.Values)
            foreach (var rule in Rules(policy.Ingress).Concat(Rules(policy.Egress)))
                foreach (var port in rule.Ports.IsDefault ? [] : rule.Ports)
                {
                    if (port.Port?.Number is not { } number || !TryProtocol(port.Protocol, out var protocol)) continue;
                    Add(ports, number, protocol);
                    if (port.EndPort is { } end) Add(ports, end, protocol);
                }
        foreach (var policy in snapshot.AdminPolicies.Values)
            foreach (var rule in Rules(policy.Ingress).Concat(Rules(policy.Egress)))
                foreach (var port in rule.Ports is { IsDefault: false } list ? list : [])
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
        return ports;
    }

    private static IEnumerable<T> Rules<T>(System.Collections.Immutable.ImmutableArray<T> rules) => rules.IsDefault ? [] : rules;

    /// <summary>Both APIs default an omitted protocol to TCP.</summary>
    private static bool TryProtocol(string? written, out Protocol protocol) =>
        ProtocolNames.TryParse(string.IsNullOrEmpty(written) ? "TCP" : written, out protocol);

    private static void Add(HashSet<(int, Protocol)> ports, int port, Protocol protocol)
    {
        if (port is >= 1 and <= 65535) ports.Add((port, protocol));
    }
}
