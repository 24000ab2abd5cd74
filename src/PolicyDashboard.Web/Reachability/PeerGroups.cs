using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Reachability;

/// <summary>One pod on the other side of a connection, and every (protocol, port) the connection is allowed on.</summary>
public sealed record PeerPod(PodInfo Pod, PortSet Ports);

/// <summary>The pods of one workload that can reach (or be reached by) a pod, with the ports.</summary>
public sealed record PeerGroup(string Namespace, string Workload, IReadOnlyList<PeerPod> Pods)
{
    /// <summary>The ports when every pod of the group has the same ones; otherwise null (see each pod).</summary>
    public PortSet? CommonPorts => Pods.All(p => p.Ports.Equals(Pods[0].Ports)) ? Pods[0].Ports : null;

    public PortSet AnyPorts => Pods.Aggregate(PortSet.Empty, (acc, p) => acc.Union(p.Ports));
}

/// <summary>
/// Who can reach a pod and whom it can reach, from the shared result: the combined verdict (egress at the source AND
/// ingress at the destination) over all ports, per pod, grouped by workload. Work is per pod class, not per pod pair:
/// pods of one class get the same ports.
/// </summary>
public static class PeerGroups
{
    /// <summary>Sources that can open a connection to the pod on at least one port. The pod itself is left out.</summary>
    public static IReadOnlyList<PeerGroup> Sources(AnalysisResult analysis, int podIndex) =>
        Collect(analysis, podIndex, (other, self) => analysis.Result.AllowedPorts(other, self, ReachScope.Combined));

    /// <summary>Destinations the pod can open a connection to on at least one port. The pod itself is left out.</summary>
    public static IReadOnlyList<PeerGroup> Destinations(AnalysisResult analysis, int podIndex) =>
        Collect(analysis, podIndex, (other, self) => analysis.Result.AllowedPorts(self, other, ReachScope.Combined));

    private static IReadOnlyList<PeerGroup> Collect(AnalysisResult analysis, int podIndex, Func<int, int, PortSet> ports)
    {
        if (podIndex < 0) return [];
        var partition = analysis.Result.Reachability.Partition;
        var peers = new List<PeerPod>();
        foreach (var cls in partition.Classes)
        {
            PortSet? classPorts = null;
            foreach (var member in cls.Members)
            {
                if (member == podIndex) continue;
                classPorts ??= ports(member, podIndex);
                if (classPorts.IsEmpty) break;
                peers.Add(new PeerPod(partition.Pods[member], classPorts));
            }
        }
        return [.. peers
            .GroupBy(p => Workloads.KeyOf(p.Pod), StringComparer.Ordinal)
            .Select(g => new PeerGroup(g.First().Pod.Namespace, Workloads.NameOf(g.First().Pod),
                [.. g.OrderBy(p => p.Pod.Name, StringComparer.Ordinal)]))
            .OrderBy(g => g.Namespace, StringComparer.Ordinal).ThenBy(g => g.Workload, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A port to explain a connection on: the first allowed port the destination declares, else the first allowed
    /// port. Null when nothing is allowed.
    /// </summary>
    public static (int Port, Protocol Protocol)? ExamplePort(PortSet allowed, PodInfo destination)
    {
        if (allowed.IsEmpty) return null;
        if (!destination.Ports.IsDefault)
            foreach (var cp in destination.Ports)
                if (allowed.Contains(cp.Protocol, cp.Port)) return (cp.Port, cp.Protocol);
        var (protocol, start, _) = allowed.Ranges().First();
        return (start, protocol);
    }
}
