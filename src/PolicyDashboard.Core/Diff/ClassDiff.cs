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
    /// <summary>Pods alike in both states; <see cref="BeforePod"/>/<see cref="AfterPod"/> are one member's indices.</summary>
    private sealed record Group(DiffWorkload Workload, int Before, int After, int BeforePod, int AfterPod, HashSet<(int, Protocol)> Served, List<ObjectKey> Pods);

    /// <param name="mayChange">Whether pods of a namespace can be decided differently (as source or destination);
    /// null when every pod can (an admin-tier policy changed).</param>
    /// <param name="useMatrices">Whole class matrices per port (cheap per pair, costly to build) or one decision per
    /// class pair (cheap when few pods can change); null chooses by the number of pairs to decide.</param>
    public static void Run(ClusterSnapshot before, ClusterSnapshot after, IReadOnlyList<ObjectKey> pods, Func<string, bool>? mayChange,
        HashSet<(int Port, Protocol Protocol)> mentioned, DiffAccumulator result, CancellationToken cancellationToken, bool? useMatrices = null)
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
                groups[id] = group = new Group(id.Item1, id.Item2, id.Item3, ib, ia, served, []);
            group.Pods.Add(key);
        }
        var list = groups.Values.ToList();
        // A pair can change only when its source or its destination is in a namespace that may change.
        var changing = mayChange is null ? list : list.Where(g => mayChange(g.Workload.Namespace)).ToList();

        var ports = list.SelectMany(g => g.Served).Union(mentioned).OrderBy(p => p.Item2).ThenBy(p => p.Item1).ToList();
        long pairsToDecide = list.Sum(dst => (long)(mayChange is null || mayChange(dst.Workload.Namespace) ? list.Count : changing.Count));
        var matrices = useMatrices ?? pairsToDecide * 8 > (long)pb.ClassCount * pa.ClassCount;
        foreach (var (port, protocol) in ports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before_ = new StateVerdicts(rb, matrices ? rb.Matrix(protocol, port) : null, protocol, port);
            var after_ = new StateVerdicts(ra, matrices ? ra.Matrix(protocol, port) : null, protocol, port);
            foreach (var dst in list)
            {
                if (!dst.Served.Contains((port, protocol)) && !mentioned.Contains((port, protocol))) continue;
                var sources = mayChange is null || mayChange(dst.Workload.Namespace) ? list : changing;
                foreach (var src in sources)
                {
                    var same = ReferenceEquals(src, dst);
                    long pairs = same ? (long)src.Pods.Count * (src.Pods.Count - 1) : (long)src.Pods.Count * dst.Pods.Count;
                    if (pairs == 0) continue;
                    result.Compared += pairs;
                    var was = before_.Allowed(src.Before, dst.Before, src.BeforePod, dst.BeforePod);
                    var now = after_.Allowed(src.After, dst.After, src.AfterPod, dst.AfterPod);
                    if (was == now) continue;
                    result.Add(src.Workload, dst.Workload, port, protocol, now, checked((int)pairs), src.Pods[0], same ? dst.Pods[1] : dst.Pods[0]);
                }
            }
        }
    }

    /// <summary>
    /// The connection between two distinct pods of given classes in one state, for one port: both have an IP, egress at
    /// the source and ingress at the destination allow it. Read from the class matrix, or decided once per class pair.
    /// </summary>
    private sealed class StateVerdicts(ReachabilityResult result, ClassMatrix? matrix, Protocol protocol, int port)
    {
        private readonly Dictionary<(int, int), bool> _decided = [];

        public bool Allowed(int sourceClass, int destinationClass, int sourcePod, int destinationPod)
        {
            var classes = result.Reachability.Partition.Classes;
            if (!classes[sourceClass].HasIp || !classes[destinationClass].HasIp) return false;
            if (matrix is not null) return matrix.IngressAllows(sourceClass, destinationClass) && matrix.EgressAllows(sourceClass, destinationClass);
            if (_decided.TryGetValue((sourceClass, destinationClass), out var known)) return known;
            var r = result.Reachability;
            var (src, dst) = (r.PodEndpoint(sourcePod), r.PodEndpoint(destinationPod));
            return _decided[(sourceClass, destinationClass)] =
                r.IngressDecision(src, dst, protocol, port).Allowed && r.EgressDecision(src, dst, protocol, port).Allowed;
        }
    }
}
