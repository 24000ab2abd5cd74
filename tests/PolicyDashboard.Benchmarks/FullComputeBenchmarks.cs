using BenchmarkDotNet.Attributes;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>Full reachability (partition, compiled programs) from a snapshot, and per-port pair counts on top of it.</summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
public class FullComputeBenchmarks
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private FastReachability? _built;

    /// <summary>Both sizes by default; <c>BENCH_SIZES=medium</c> or <c>large</c> runs one (the large one takes minutes on a busy machine).</summary>
    [ParamsSource(nameof(Sizes))]
    public string Size { get; set; } = Scenario.Medium;

    public static IEnumerable<string> Sizes() => Environment.GetEnvironmentVariable("BENCH_SIZES") switch
    {
        "medium" => [Scenario.Medium],
        "large" => [Scenario.Large],
        _ => [Scenario.Medium, Scenario.Large],
    };

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = Scenario.Snapshot(Size);
        _built = FastReachability.Build(_snapshot);
    }

    [Benchmark]
    public FastReachability Build() => FastReachability.Build(_snapshot);

    /// <summary>Allowed ordered pod pairs for one port (8080/TCP) from an already built result.</summary>
    [Benchmark]
    public long CountOnePort() => new ReachabilityResult(_built!).Count(Protocol.TCP, 8080).Allowed;
}
