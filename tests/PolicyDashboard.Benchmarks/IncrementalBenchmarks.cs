using BenchmarkDotNet.Attributes;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>One NetworkPolicy update applied to a built result (10k pods / 2k policies).</summary>
[MemoryDiagnoser]
public class IncrementalBenchmarks
{
    private FastReachability? _built;
    private ClusterSnapshot _next = ClusterSnapshot.Empty;
    private ClusterChange? _change;

    [GlobalSetup]
    public void Setup()
    {
        var snapshot = Scenario.Snapshot(Scenario.Medium);
        _built = FastReachability.Build(snapshot);
        // The first policy (by namespace/name) becomes a deny-all for both directions.
        var policy = snapshot.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).First();
        var changed = policy with { Ingress = [], Egress = [], PolicyTypes = [PolicyType.Ingress, PolicyType.Egress] };
        _next = snapshot with { NetworkPolicies = snapshot.NetworkPolicies.SetItem(policy.Key, changed) };
        _change = new ClusterChange.NetworkPolicy(policy.Key);
    }

    [Benchmark]
    public FastReachability ApplyOnePolicyChange() => _built!.Apply(_next, _change!);
}
