using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Reachability.Matrix;
using PolicyDashboard.Core.Tests.Fast;

namespace PolicyDashboard.Core.Tests.Matrix;

/// <summary>
/// Every cell of namespace-level and pod-level matrices, in every view and with and without a port filter, against
/// pair-by-pair verdicts of the reference engine on random clusters (external peers included).
/// </summary>
public sealed class MatrixBuilderDifferentialTests
{
    private static readonly ReachScope[] Views = [ReachScope.Combined, ReachScope.Ingress, ReachScope.Egress];

    private static bool Allowed(Verdict v, ReachScope view) => view switch
    {
        ReachScope.Ingress => v.IngressAllowed,
        ReachScope.Egress => v.EgressAllowed,
        _ => v.Allowed,
    };

    private static string? FirstDifference(ClusterSnapshot snapshot, MatrixAxis axis, PortFilter? filter)
    {
        var result = ReachabilityResult.For(snapshot);
        var reference = ReferenceEngine.For(snapshot);
        var ports = filter is { } f ? [f] : RepresentativePorts.Of(snapshot);
        var pods = result.Pods;
        string GroupOf(PodInfo pod) => axis.Level switch
        {
            MatrixLevel.Namespace => "ns:" + pod.Namespace,
            MatrixLevel.Workload => "wl:" + WorkloadId.Of(pod),
            _ => "pod:" + pod.Key,
        };
        var verdicts = new Dictionary<(string, string), List<Verdict>>();
        List<Verdict> VerdictsOf(Endpoint s, Endpoint d)
        {
            var key = (s.ToString()!, d.ToString()!);
            if (!verdicts.TryGetValue(key, out var list))
                verdicts[key] = list = [.. ports.Select(p => reference.Evaluate(s, d, p.Port, p.Protocol))];
            return list;
        }

        foreach (var view in Views)
        {
            var matrix = MatrixBuilder.Build(result, new MatrixQuery(axis, axis, filter, view));
            for (var r = 0; r < matrix.Rows.Count; r++)
                for (var c = 0; c < matrix.Columns.Count; c++)
                {
                    long pairs = 0, all = 0, any = 0;
                    var row = matrix.Rows[r];
                    var column = matrix.Columns[c];
                    IEnumerable<Endpoint> Members(MatrixHeader h) => h.IsExternal
                        ? [Endpoint.Of(h.Address!)]
                        : pods.Where(p => axis.Contains(p) && GroupOf(p) == h.Id).Select(Endpoint.Of);
                    if (row.IsExternal && column.IsExternal) continue;
                    foreach (var s in Members(row))
                        foreach (var d in Members(column))
                        {
                            if (s is Endpoint.Pod sp && d is Endpoint.Pod dp && sp.Info.Key == dp.Info.Key) continue;
                            var allowed = VerdictsOf(s, d).Select(v => Allowed(v, view)).ToList();
                            pairs++;
                            if (allowed.All(a => a)) all++;
                            if (allowed.Any(a => a)) any++;
                        }
                    var i = matrix.Index(r, c);
                    if (matrix.Pairs(i) != pairs || matrix.AllPairs(i) != all || matrix.AnyPairs(i) != any)
                        return $"{view} {filter?.ToString() ?? "any port"} {row.Label} → {column.Label}: matrix {matrix.Pairs(i)}/{matrix.AllPairs(i)}/{matrix.AnyPairs(i)}, reference {pairs}/{all}/{any} (pairs/all/any)";
                    var expected = pairs == 0 ? (CellState?)null : all == pairs ? CellState.All : any == 0 ? CellState.None : CellState.Some;
                    if (expected is { } e && matrix.State(r, c) != e)
                        return $"{view} {row.Label} → {column.Label}: state {matrix.State(r, c)}, reference {e}";
                }
        }
        return null;
    }

    [Fact]
    public void NamespaceLevel_RandomClusters_EveryCellEqualsReference()
    {
        for (var seed = 41_001; seed < 41_041; seed++)
        {
            var snapshot = new RandomClusters(seed).Next();
            var difference = FirstDifference(snapshot, MatrixAxis.AllNamespaces, null) ?? FirstDifference(snapshot, MatrixAxis.AllNamespaces, new PortFilter(Protocol.TCP, 80));
            Assert.True(difference is null, $"seed {seed}: {difference}");
        }
    }

    [Fact]
    public void PodLevel_RandomClusters_EveryCellEqualsReference()
    {
        for (var seed = 42_001; seed < 42_031; seed++)
        {
            var snapshot = new RandomClusters(seed).Next();
            var pod = snapshot.Pods.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).First();
            var axis = new MatrixAxis(pod.Namespace, WorkloadId.Of(pod));
            // Random pods have no owner: widen the axis to the namespace's workloads, one pod each.
            var difference = FirstDifference(snapshot, new MatrixAxis(pod.Namespace), new PortFilter(Protocol.UDP, 53)) ?? FirstDifference(snapshot, axis, null);
            Assert.True(difference is null, $"seed {seed}: {difference}");
        }
    }

    [Fact]
    public void RepresentativePorts_RandomClusters_AllowedOnEachIsAllowedOnEveryPort()
    {
        for (var seed = 43_001; seed < 43_061; seed++)
        {
            var snapshot = new RandomClusters(seed).Next();
            var result = ReachabilityResult.For(snapshot);
            var ports = RepresentativePorts.Of(snapshot);
            for (var s = 0; s < result.Pods.Count; s++)
                for (var d = 0; d < result.Pods.Count; d++)
                {
                    if (s == d) continue;
                    var set = result.AllowedPorts(s, d, ReachScope.Combined);
                    var onEach = ports.All(p => set.Contains(p.Protocol, p.Port));
                    var onNone = ports.All(p => !set.Contains(p.Protocol, p.Port));
                    Assert.True(onEach == set.Equals(PortSet.All), $"seed {seed} {result.Pods[s].Key} → {result.Pods[d].Key}: allowed {set}, representatives all allowed: {onEach}");
                    Assert.True(onNone == set.IsEmpty, $"seed {seed} {result.Pods[s].Key} → {result.Pods[d].Key}: allowed {set}, representatives none allowed: {onNone}");
                }
        }
    }
}
