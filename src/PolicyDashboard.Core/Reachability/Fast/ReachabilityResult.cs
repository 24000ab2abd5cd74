using System.Collections.Concurrent;
using System.Numerics;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>Which verdict a count or a port set is about.</summary>
public enum ReachScope
{
    /// <summary>Ingress allowed at the destination (the verdict's <c>ingressAllowed</c>).</summary>
    Ingress,
    /// <summary>Egress allowed at the source (the verdict's <c>egressAllowed</c>).</summary>
    Egress,
    /// <summary>The connection: both, a pod reaching itself, and neither side without an IP (the verdict's <c>allowed</c>).</summary>
    Combined,
}

/// <summary>Ordered (source pod, destination pod) pairs for one port, counted as the verdicts would decide them; self pairs included.</summary>
public readonly record struct PairCounts(Protocol Protocol, int Port, int Pods, long Pairs, long IngressAllowed, long EgressAllowed, long Allowed);

/// <summary>One allowed-or-not pod pair of a port, as rows for tables and CSV.</summary>
public readonly record struct PairRow(int SourcePod, int DestinationPod, bool IngressAllowed, bool EgressAllowed, bool Allowed);

/// <summary>How many of a group pair's pod pairs are allowed, over one or several ports.</summary>
public enum Coverage { None, Some, All }

/// <summary>An aggregated cell: pods of group <see cref="From"/> to pods of group <see cref="To"/>, per port allowed pair counts.</summary>
public sealed record GroupCell(string From, string To, long Pairs, IReadOnlyList<long> AllowedPerPort)
{
    /// <summary>All: every pair on every port; None: no pair on any port; Some otherwise.</summary>
    public Coverage Coverage =>
        AllowedPerPort.All(a => a == Pairs) ? Coverage.All : AllowedPerPort.All(a => a == 0) ? Coverage.None : Coverage.Some;
}

/// <summary>
/// Whole-cluster answers over a <see cref="FastReachability"/>: allowed port sets per pod pair, counts per port,
/// aggregation by namespace or workload, row enumeration. Per-port class matrices are computed on first use and kept.
/// </summary>
public sealed class ReachabilityResult
{
    private readonly ConcurrentDictionary<(Protocol, int), ClassMatrix> _matrices = new();

    public ReachabilityResult(FastReachability reachability) => Reachability = reachability;

    public static ReachabilityResult For(ClusterSnapshot snapshot) => new(FastReachability.Build(snapshot));

    public FastReachability Reachability { get; }
    public IReadOnlyList<PodInfo> Pods => Reachability.Partition.Pods;

    public ClassMatrix Matrix(Protocol protocol, int port) => _matrices.GetOrAdd((protocol, port), k => new ClassMatrix(Reachability, k.Item1, k.Item2));

    /// <summary>Every (port, protocol) some pod declares as a container port, sorted: the ports pods serve.</summary>
    public IReadOnlyList<(int Port, Protocol Protocol)> ServedPorts() =>
        [.. Pods.SelectMany(p => p.Ports.IsDefault ? [] : p.Ports).Select(p => (p.Port, p.Protocol)).Distinct().OrderBy(p => p.Protocol).ThenBy(p => p.Port)];

    /// <summary>Every (protocol, port) allowed from one pod to another, for one scope, as port intervals.</summary>
    public PortSet AllowedPorts(int sourcePod, int destinationPod, ReachScope scope)
    {
        var src = Reachability.PodEndpoint(sourcePod);
        var dst = Reachability.PodEndpoint(destinationPod);
        if (sourcePod == destinationPod)
            return scope != ReachScope.Combined || Reachability.Partition.Classes[dst.ClassId].HasIp ? PortSet.All : PortSet.Empty;
        var classes = Reachability.Partition.Classes;
        if (scope == ReachScope.Combined && (!classes[src.ClassId].HasIp || !classes[dst.ClassId].HasIp)) return PortSet.Empty;
        return scope switch
        {
            ReachScope.Ingress => Reachability.AllowedPorts(Direction.Ingress, src, dst),
            ReachScope.Egress => Reachability.AllowedPorts(Direction.Egress, src, dst),
            _ => Reachability.AllowedPorts(Direction.Ingress, src, dst).Intersect(Reachability.AllowedPorts(Direction.Egress, src, dst)),
        };
    }

    public bool IsAllowed(int sourcePod, int destinationPod, Protocol protocol, int port, ReachScope scope)
    {
        var p = Reachability.Partition;
        int s = p.ClassOfPod(sourcePod), d = p.ClassOfPod(destinationPod);
        if (sourcePod == destinationPod) return scope != ReachScope.Combined || p.Classes[d].HasIp;
        var m = Matrix(protocol, port);
        return scope switch
        {
            ReachScope.Ingress => m.IngressAllows(s, d),
            ReachScope.Egress => m.EgressAllows(s, d),
            _ => p.Classes[s].HasIp && p.Classes[d].HasIp && m.IngressAllows(s, d) && m.EgressAllows(s, d),
        };
    }

    /// <summary>Allowed ordered pod pairs for one port, from class-level rows weighted by class sizes.</summary>
    public PairCounts Count(Protocol protocol, int port)
    {
        var m = Matrix(protocol, port);
        var classes = Reachability.Partition.Classes;
        var n = classes.Length;
        long ingress = 0, egress = 0, combined = 0;
        var size = new long[n];
        var hasIp = new bool[n];
        for (var c = 0; c < n; c++) { size[c] = classes[c].Members.Length; hasIp[c] = classes[c].HasIp; }
        for (var d = 0; d < n; d++)
        {
            if (size[d] == 0) continue;
            var row = m.Ingress[d];
            for (var w = 0; w < row.Length; w++)
                for (var word = row[w]; word != 0; word &= word - 1)
                {
                    var s = (w << 6) + BitOperations.TrailingZeroCount(word);
                    var pairs = s == d ? size[d] * (size[d] - 1) : size[s] * size[d];
                    ingress += pairs;
                    if (m.EgressAllows(s, d) && hasIp[s] && hasIp[d]) combined += pairs;
                }
            var erow = m.Egress[d];
            for (var w = 0; w < erow.Length; w++)
                for (var word = erow[w]; word != 0; word &= word - 1)
                {
                    var t = (w << 6) + BitOperations.TrailingZeroCount(word);
                    egress += t == d ? size[d] * (size[d] - 1) : size[t] * size[d];
                }
        }
        // A pod reaching itself: both directions allowed; the connection only when it has an IP.
        long pods = 0, selfWithIp = 0;
        for (var c = 0; c < n; c++) { pods += size[c]; if (hasIp[c]) selfWithIp += size[c]; }
        return new PairCounts(protocol, port, (int)pods, pods * pods, ingress + pods, egress + pods, combined + selfWithIp);
    }

    /// <summary>Every ordered pod pair of one port (self pairs included), expanded from the class matrix.</summary>
    public IEnumerable<PairRow> Rows(Protocol protocol, int port)
    {
        var m = Matrix(protocol, port);
        var p = Reachability.Partition;
        for (var s = 0; s < p.Pods.Count; s++)
            for (var d = 0; d < p.Pods.Count; d++)
            {
                if (s == d) { var ip = p.Classes[p.ClassOfPod(d)].HasIp; yield return new PairRow(s, d, true, true, ip); continue; }
                int cs = p.ClassOfPod(s), cd = p.ClassOfPod(d);
                var i = m.IngressAllows(cs, cd);
                var e = m.EgressAllows(cs, cd);
                yield return new PairRow(s, d, i, e, i && e && p.Classes[cs].HasIp && p.Classes[cd].HasIp);
            }
    }

    /// <summary>Pods grouped by namespace.</summary>
    public IReadOnlyList<GroupCell> ByNamespace(IReadOnlyList<(int Port, Protocol Protocol)> ports, ReachScope scope = ReachScope.Combined) =>
        Aggregate(pod => pod.Namespace, ports, scope);

    /// <summary>Pods grouped by workload (<c>namespace/Kind/name</c>; a pod without an owner is its own group).</summary>
    public IReadOnlyList<GroupCell> ByWorkload(IReadOnlyList<(int Port, Protocol Protocol)> ports, ReachScope scope = ReachScope.Combined) =>
        Aggregate(pod => pod.Owner is { } o ? $"{pod.Namespace}/{o.Kind}/{o.Name}" : $"{pod.Namespace}/Pod/{pod.Name}", ports, scope);

    /// <summary>
    /// Group-pair cells: pairs are counted per (source group, source class, destination group, destination class)
    /// bucket, so the work is buckets², not pods².
    /// </summary>
    public IReadOnlyList<GroupCell> Aggregate(Func<PodInfo, string> groupOf, IReadOnlyList<(int Port, Protocol Protocol)> ports, ReachScope scope)
    {
        var p = Reachability.Partition;
        var buckets = new Dictionary<(string Group, int Class), (long Size, long Self)>();
        for (var i = 0; i < p.Pods.Count; i++)
        {
            var key = (groupOf(p.Pods[i]), p.ClassOfPod(i));
            buckets[key] = buckets.TryGetValue(key, out var b) ? (b.Size + 1, 0) : (1, 0);
        }
        var list = buckets.Select(b => (b.Key.Group, b.Key.Class, b.Value.Size)).OrderBy(b => b.Group, StringComparer.Ordinal).ToList();
        var matrices = ports.Select(x => Matrix(x.Protocol, x.Port)).ToList();
        var cells = new Dictionary<(string, string), (long Pairs, long[] Allowed)>();
        foreach (var (fg, fc, fs) in list)
            foreach (var (tg, tc, ts) in list)
            {
                var same = fg == tg && fc == tc;
                var pairs = same ? fs * fs : fs * ts;
                if (!cells.TryGetValue((fg, tg), out var cell)) cells[(fg, tg)] = cell = (0, new long[ports.Count]);
                cells[(fg, tg)] = (cell.Pairs + pairs, cell.Allowed);
                for (var k = 0; k < matrices.Count; k++)
                {
                    var allowedOthers = Allows(matrices[k], fc, tc, scope) ? (same ? fs * (fs - 1) : pairs) : 0;
                    var self = same ? (scope != ReachScope.Combined || p.Classes[tc].HasIp ? fs : 0) : 0;
                    cell.Allowed[k] += allowedOthers + self;
                }
            }
        return [.. cells.Select(c => new GroupCell(c.Key.Item1, c.Key.Item2, c.Value.Pairs, c.Value.Allowed))
            .OrderBy(c => c.From, StringComparer.Ordinal).ThenBy(c => c.To, StringComparer.Ordinal)];
    }

    private bool Allows(ClassMatrix m, int s, int d, ReachScope scope)
    {
        var classes = Reachability.Partition.Classes;
        return scope switch
        {
            ReachScope.Ingress => m.IngressAllows(s, d),
            ReachScope.Egress => m.EgressAllows(s, d),
            _ => classes[s].HasIp && classes[d].HasIp && m.IngressAllows(s, d) && m.EgressAllows(s, d),
        };
    }
}
