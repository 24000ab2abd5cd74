using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Diff;

/// <summary>
/// The diff over the fast engine's class matrices. A pod pair's verdict in one state depends only on the two pods'
/// classes in that state, so pods are grouped by (workload, class before, class after, ports served): every pair of
/// two groups changes the same way, and is decided once.
/// </summary>
internal static class ClassDiff
{
    private sealed record Group(DiffWorkload Workload, int Before, int After, HashSet<(int, Protocol)> Served, List<ObjectKey> Pods);

    public static void Run(ClusterSnapshot before, ClusterSnapshot after, IReadOnlyList<ObjectKey> pods, Func<string, string, bool> mayDiffer,
        HashSet<(int Port, Protocol Protocol)> mentioned, DiffAccumulator result, CancellationToken cancellationToken)
    {
        var rb = ReachabilityResult.For(before);
        var ra = ReachabilityResult.For(after);
        var pb = rb.Reachability.Partition;
        var pa = ra.Reachability.Partition;

        var groups = new Dictionary<(DiffWorkload, int, int, string), Group>();
        foreach (var key in pods)
        {
            if (!pb.TryGetPodIndex(key, out var ib) || !pa.TryGetPodIndex(key, out var ia)) continue;
            var pod = after.Pods[key];
            var served = PolicyPorts.Served(pod).ToHashSet();
            var signature = string.Join(",", served.Order());
            var id = (DiffWorkload.Of(pod), pb.ClassOfPod(ib), pa.ClassOfPod(ia), signature);
            if (!groups.TryGetValue(id, out var group))
                groups[id] = group = new Group(id.Item1, id.Item2, id.Item3, served, []);
            group.Pods.Add(key);
        }
        var list = groups.Values.ToList();

        var ports = list.SelectMany(g => g.Served).Union(mentioned).OrderBy(p => p.Item2).ThenBy(p => p.Item1).ToList();
        foreach (var (port, protocol) in ports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mb = rb.Matrix(protocol, port);
            var ma = ra.Matrix(protocol, port);
            foreach (var dst in list)
            {
                if (!dst.Served.Contains((port, protocol)) && !mentioned.Contains((port, protocol))) continue;
                foreach (var src in list)
                {
                    if (!mayDiffer(src.Workload.Namespace, dst.Workload.Namespace)) continue;
                    var same = ReferenceEquals(src, dst);
                    long pairs = same ? (long)src.Pods.Count * (src.Pods.Count - 1) : (long)src.Pods.Count * dst.Pods.Count;
                    if (pairs == 0) continue;
                    result.Compared += pairs;
                    var was = Allowed(pb, mb, src.Before, dst.Before);
                    var now = Allowed(pa, ma, src.After, dst.After);
                    if (was == now) continue;
                    result.Add(src.Workload, dst.Workload, port, protocol, now, checked((int)pairs), src.Pods[0], same ? dst.Pods[1] : dst.Pods[0]);
                }
            }
        }
    }

    /// <summary>The connection between two distinct pods: both have an IP, egress at the source and ingress at the destination allow it.</summary>
    private static bool Allowed(ClassPartition partition, ClassMatrix matrix, int source, int destination) =>
        partition.Classes[source].HasIp && partition.Classes[destination].HasIp &&
        matrix.IngressAllows(source, destination) && matrix.EgressAllows(source, destination);
}
