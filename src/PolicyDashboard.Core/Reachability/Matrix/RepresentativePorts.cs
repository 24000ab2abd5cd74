using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// One port per stretch of ports over which no verdict can change, for every protocol: "allowed on every port" is then
/// exactly "allowed on each representative". Verdicts change only where a policy's port or port range starts or ends
/// (NetworkPolicyPort <c>port</c>/<c>endPort</c>, admin-tier <c>portNumber</c>/<c>portRange</c>) and at container
/// ports, to which named ports resolve; so the stretches start at 1 and at every such port p and p + 1.
/// </summary>
public static class RepresentativePorts
{
    public static IReadOnlyList<PortFilter> Of(ClusterSnapshot snapshot)
    {
        var starts = new SortedSet<(Protocol, int)>();
        foreach (var protocol in new[] { Protocol.TCP, Protocol.UDP, Protocol.SCTP }) starts.Add((protocol, 1));
        void Add(int port, Protocol protocol)
        {
            if (port is >= 1 and <= 65535) starts.Add((protocol, port));
            if (port + 1 is >= 1 and <= 65535) starts.Add((protocol, port + 1));
        }
        foreach (var (port, protocol) in PolicyPorts.Mentioned(snapshot)) Add(port, protocol);
        foreach (var pod in snapshot.Pods.Values)
            foreach (var (port, protocol) in PolicyPorts.Served(pod)) Add(port, protocol);
        return [.. starts.Select(s => new PortFilter(s.Item1, s.Item2))];
    }
}
