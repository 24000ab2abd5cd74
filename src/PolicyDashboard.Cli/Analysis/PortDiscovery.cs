using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Diff;
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
            foreach (var (port, protocol) in PolicyPorts.Served(pod))
                Add(ports, port, protocol);
        foreach (var (port, protocol) in PolicyPorts.Mentioned(snapshot))
            Add(ports, port, protocol);
        return [.. ports];
    }

    private static void Add(SortedSet<PortSpec> ports, int port, Protocol protocol)
    {
        if (port is >= PortSpec.MinPort and <= PortSpec.MaxPort)
            ports.Add(new PortSpec(port, protocol));
    }
}
