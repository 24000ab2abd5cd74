using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// Builds a <see cref="MatrixView"/> from a shared <see cref="ReachabilityResult"/>. The class-level answers for a
/// (view, port filter) are computed once per result and shared by every page and API call that asks; a cell then
/// costs (source classes in its row) × (destination classes in its column), never pods².
/// </summary>
public static class MatrixBuilder
{
    /// <summary>
    /// At most this many groups per axis (peers and the ingress controller come on top): 2,000 × 2,000 cells are 4 MB
    /// of states for the browser. Beyond it the first groups by name are shown and the view says how many there are.
    /// </summary>
    public const int MaxHeaders = 2_000;

    private sealed record Shared(ClassReach Classes, IReadOnlyList<ExternalPeer> Peers, CellState[][] FromPeer, CellState[][] ToPeer);

    private static readonly ConditionalWeakTable<ReachabilityResult, ConcurrentDictionary<(ReachScope, PortFilter?), Lazy<Shared>>> Cache = new();

    /// <summary>One row or column group: its header and its pods counted per class.</summary>
    private sealed class Group(MatrixHeader header)
    {
        public MatrixHeader Header { get; } = header;
        public Dictionary<int, long> Classes { get; } = [];
        public ExternalPeer? Peer { get; init; }
        public int PeerIndex { get; init; } = -1;
    }

    public static MatrixView Build(ReachabilityResult result, MatrixQuery query)
    {
        var classAnswers = SharedFor(result, query.View, query.Port);
        var partition = result.Reachability.Partition;
        var pods = partition.Pods;
        var controllers = query.IncludePeers ? ControllerPods(pods) : [];

        var (rows, rowOfPod, rowGroups) = Groups(partition, query.Sources, controllers);
        var (columns, columnOfPod, columnGroups) = Groups(partition, query.Destinations, controllers);
        if (query.IncludePeers)
            for (var e = 0; e < classAnswers.Peers.Count; e++)
            {
                var peer = classAnswers.Peers[e];
                var header = new MatrixHeader(peer.Id, peer.Label, HeaderKind.External, 0, null, peer.Address);
                rows.Add(new Group(header) { Peer = peer, PeerIndex = e });
                columns.Add(new Group(header) { Peer = peer, PeerIndex = e });
            }

        // Pairs of a pod with itself, per (row, column, class): removed from the class-pair counts below.
        var self = new Dictionary<(int Row, int Column), Dictionary<int, long>>();
        for (var p = 0; p < pods.Count; p++)
        {
            if (rowOfPod[p] is not { Count: > 0 } inRows || columnOfPod[p] is not { Count: > 0 } inColumns) continue;
            var cls = partition.ClassOfPod(p);
            foreach (var r in inRows)
                foreach (var c in inColumns)
                {
                    if (!self.TryGetValue((r, c), out var perClass)) self[(r, c)] = perClass = [];
                    perClass[cls] = perClass.GetValueOrDefault(cls) + 1;
                }
        }

        int nr = rows.Count, nc = columns.Count;
        var states = new byte[nr * nc];
        var shared = new Dictionary<int, long>();
        var partial = new Dictionary<int, (long All, long Any)>();
        var rowClasses = rows.Select(g => g.Classes.ToArray()).ToArray();
        var columnClasses = columns.Select(g => g.Classes.ToArray()).ToArray();
        for (var r = 0; r < nr; r++)
            for (var c = 0; c < nc; c++)
            {
                long total = 0, all = 0, any = 0;
                void Add(CellState state, long count)
                {
                    total += count;
                    if (state == CellState.All) { all += count; any += count; }
                    else if (state == CellState.Some) any += count;
                }
                var from = rows[r];
                var to = columns[c];
                if (from.Peer is not null && to.Peer is not null)
                {
                    states[r * nc + c] = (byte)CellState.NotApplicable;
                    continue;
                }
                if (from.Peer is not null)
                    foreach (var (cd, nd) in columnClasses[c]) Add(classAnswers.FromPeer[from.PeerIndex][cd], nd);
                else if (to.Peer is not null)
                    foreach (var (cs, ns) in rowClasses[r]) Add(classAnswers.ToPeer[to.PeerIndex][cs], ns);
                else
                {
                    foreach (var (cs, ns) in rowClasses[r])
                        foreach (var (cd, nd) in columnClasses[c])
                            Add(classAnswers.Classes.State(cs, cd), ns * nd);
                    if (self.TryGetValue((r, c), out var selfPairs))
                        foreach (var (cls, count) in selfPairs)
                            Add(classAnswers.Classes.State(cls, cls), -count);
                }
                var i = r * nc + c;
                var state = total == 0 ? Loopback(from, to, partition, query.View)
                    : all == total ? CellState.All : any == 0 ? CellState.None : CellState.Some;
                states[i] = (byte)state;
                if (state == CellState.Some) partial[i] = (all, any);
                if (from.Peer is null && to.Peer is null && self.TryGetValue((r, c), out var overlap)) shared[i] = overlap.Values.Sum();
            }

        return new MatrixView(query, result.Reachability.Snapshot.Version, [.. rows.Select(g => g.Header)], [.. columns.Select(g => g.Header)],
            states, shared, partial) { SourceGroups = rowGroups, DestinationGroups = columnGroups };
    }

    /// <summary>
    /// A cell with no pair of distinct pods: a pod to itself is loopback ("a pod cannot block access to itself"),
    /// allowed for ingress and egress, and as a connection when the pod has an IP; an empty group has nothing to show.
    /// </summary>
    private static CellState Loopback(Group from, Group to, ClassPartition partition, ReachScope view)
    {
        if (from.Header.Kind != HeaderKind.Pod || to.Header.Kind != HeaderKind.Pod || from.Header.Id != to.Header.Id) return CellState.NotApplicable;
        var cls = from.Classes.Keys.Single();
        return view != ReachScope.Combined || partition.Classes[cls].HasIp ? CellState.All : CellState.None;
    }

    private static HashSet<int> ControllerPods(IReadOnlyList<PodInfo> pods)
    {
        var set = new HashSet<int>();
        for (var p = 0; p < pods.Count; p++) if (IngressControllers.IsController(pods[p])) set.Add(p);
        return set;
    }

    /// <summary>The groups an axis shows, sorted by name, then the ingress controller; and per pod the groups it is in.</summary>
    private static (List<Group> Groups, List<int>?[] OfPod, int Total) Groups(ClassPartition partition, MatrixAxis axis, HashSet<int> controllers)
    {
        var pods = partition.Pods;
        var byId = new Dictionary<string, Group>(StringComparer.Ordinal);
        var idOfPod = new string?[pods.Count];
        for (var p = 0; p < pods.Count; p++)
        {
            var pod = pods[p];
            if (!axis.Contains(pod)) continue;
            var (id, header) = axis.Level switch
            {
                MatrixLevel.Namespace => ("ns:" + pod.Namespace, (Func<MatrixHeader>)(() => new MatrixHeader("ns:" + pod.Namespace, pod.Namespace, HeaderKind.Namespace, 0, new MatrixAxis(pod.Namespace)))),
                MatrixLevel.Workload => ("wl:" + WorkloadId.Of(pod), () =>
                {
                    var workload = WorkloadId.Of(pod);
                    return new MatrixHeader("wl:" + workload, WorkloadId.ShortName(workload), HeaderKind.Workload, 0, new MatrixAxis(pod.Namespace, workload));
                }),
                _ => ("pod:" + pod.Key, () => new MatrixHeader("pod:" + pod.Key, pod.Name, HeaderKind.Pod, 0, null)),
            };
            if (!byId.ContainsKey(id)) byId[id] = new Group(header());
            idOfPod[p] = id;
        }
        var groups = byId.Values.OrderBy(g => g.Header.Label, StringComparer.Ordinal).ThenBy(g => g.Header.Id, StringComparer.Ordinal).ToList();
        var total = groups.Count;
        if (groups.Count > MaxHeaders) groups.RemoveRange(MaxHeaders, groups.Count - MaxHeaders);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++) index[groups[i].Header.Id] = i;

        Group? controller = null;
        if (controllers.Count > 0 && axis.Level == MatrixLevel.Namespace)
        {
            var namespaces = controllers.Select(p => pods[p].Namespace).Distinct().ToList();
            controller = new Group(new MatrixHeader("ingress-controller", "ingress controller", HeaderKind.IngressController, controllers.Count,
                namespaces.Count == 1 ? new MatrixAxis(namespaces[0]) : null));
            groups.Add(controller);
        }

        var ofPod = new List<int>?[pods.Count];
        for (var p = 0; p < pods.Count; p++)
        {
            if (idOfPod[p] is { } id && index.ContainsKey(id))
            {
                var g = index[id];
                (ofPod[p] ??= []).Add(g);
                Count(groups[g], p);
            }
            if (controller is not null && controllers.Contains(p))
            {
                (ofPod[p] ??= []).Add(groups.Count - 1);
                Count(controller, p);
            }
        }
        // Headers carry pod counts for the labels ("default · 6 pods").
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var n = (int)g.Classes.Values.Sum();
            if (g.Header.Pods != n) groups[i] = Recount(g, n);
        }
        return (groups, ofPod, total);

        void Count(Group g, int p)
        {
            var cls = partition.ClassOfPod(p);
            g.Classes[cls] = g.Classes.GetValueOrDefault(cls) + 1;
        }
    }

    private static Group Recount(Group g, int pods)
    {
        var copy = new Group(g.Header with { Pods = pods });
        foreach (var (k, v) in g.Classes) copy.Classes[k] = v;
        return copy;
    }

    private static Shared SharedFor(ReachabilityResult result, ReachScope view, PortFilter? port)
    {
        var perResult = Cache.GetValue(result, _ => new ConcurrentDictionary<(ReachScope, PortFilter?), Lazy<Shared>>());
        return perResult.GetOrAdd((view, port), key => new Lazy<Shared>(() => Compute(result, key.Item1, key.Item2))).Value;
    }

    private static Shared Compute(ReachabilityResult result, ReachScope view, PortFilter? port)
    {
        var reachability = result.Reachability;
        var ports = port is { } one ? [one] : RepresentativePorts.Of(reachability.Snapshot);
        var classes = ClassReach.Compute(result, ports, view);
        var peers = ExternalPeers.Of(reachability.Snapshot);
        var partition = reachability.Partition;
        var n = partition.ClassCount;
        var fromPeer = new CellState[peers.Count][];
        var toPeer = new CellState[peers.Count][];
        for (var e = 0; e < peers.Count; e++)
        {
            IpAddr.TryParse(peers[e].Address, out var address);
            var external = FastEndpoint.External(address);
            fromPeer[e] = new CellState[n];
            toPeer[e] = new CellState[n];
            for (var c = 0; c < n; c++)
            {
                var cls = partition.Classes[c];
                if (cls.Members.IsEmpty) continue;
                var pod = reachability.PodEndpoint(cls.Members[0]);
                // An address outside the cluster is subject to no policy: only the pod's side decides.
                fromPeer[e][c] = view == ReachScope.Egress ? CellState.All
                    : view == ReachScope.Combined && !cls.HasIp ? CellState.None
                    : StateOf(reachability.AllowedPorts(Direction.Ingress, external, pod), port);
                toPeer[e][c] = view == ReachScope.Ingress ? CellState.All
                    : view == ReachScope.Combined && !cls.HasIp ? CellState.None
                    : StateOf(reachability.AllowedPorts(Direction.Egress, pod, external), port);
            }
        }
        return new Shared(classes, peers, fromPeer, toPeer);
    }

    private static CellState StateOf(PortSet allowed, PortFilter? port) => port is { } p
        ? allowed.Contains(p.Protocol, p.Port) ? CellState.All : CellState.None
        : allowed.Equals(PortSet.All) ? CellState.All : allowed.IsEmpty ? CellState.None : CellState.Some;
}
