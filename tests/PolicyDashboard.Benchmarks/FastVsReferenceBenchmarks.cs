using BenchmarkDotNet.Attributes;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>
/// 2,000 pods / 1,000 policies. The fast engine computes everything (build + pair counts for every served port); the
/// reference engine evaluates a fixed sample of 1,000 (pair, port) verdicts — the full pods² × ports would take
/// hours, so docs/benchmarks.md extrapolates from the sample.
/// </summary>
public class FastVsReferenceBenchmarks
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ReferenceEngine? _reference;
    private (Endpoint From, Endpoint To, int Port, Protocol Protocol)[] _sample = [];
    private IReadOnlyList<(int Port, Protocol Protocol)> _ports = [];

    public const int SampleSize = 1_000;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = Scenario.Snapshot(Scenario.Small);
        _reference = ReferenceEngine.For(_snapshot);
        _ports = ReachabilityResult.For(_snapshot).ServedPorts();
        var pods = _reference.Cluster.Pods;
        var rng = new Random(11);
        _sample = [.. Enumerable.Range(0, SampleSize).Select(_ =>
        {
            var (port, protocol) = _ports[rng.Next(_ports.Count)];
            return (pods[rng.Next(pods.Length)].Endpoint, pods[rng.Next(pods.Length)].Endpoint, port, protocol);
        })];
    }

    [Benchmark]
    public long FastBuildAndCountAllServedPorts()
    {
        var result = ReachabilityResult.For(_snapshot);
        long allowed = 0;
        foreach (var (port, protocol) in _ports) allowed += result.Count(protocol, port).Allowed;
        return allowed;
    }

    [Benchmark]
    public int ReferenceSampleOf1000Verdicts()
    {
        var allowed = 0;
        foreach (var (from, to, port, protocol) in _sample)
            if (_reference!.Evaluate(from, to, port, protocol).Allowed) allowed++;
        return allowed;
    }
}
