using System.Collections.Concurrent;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Scenarios;

namespace PolicyDashboard.Benchmarks;

/// <summary>The sizes the scale targets name, generated once per process by the shared deterministic generator.</summary>
public static class Scenario
{
    private static readonly ConcurrentDictionary<string, ClusterSnapshot> Cache = new();

    public const string Large = "150k pods / 10k ns / 20k policies";
    public const string Medium = "10k pods / 500 ns / 2k policies";
    public const string Small = "2k pods / 200 ns / 1k policies";

    public static ScaleScenarioOptions Options(string name) => name switch
    {
        Large => new ScaleScenarioOptions { Pods = 150_000, Namespaces = 10_000, Policies = 20_000, Seed = 1 },
        Medium => new ScaleScenarioOptions { Pods = 10_000, Namespaces = 500, Policies = 2_000, Seed = 1 },
        Small => new ScaleScenarioOptions { Pods = 2_000, Namespaces = 200, Policies = 1_000, Seed = 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    public static ClusterSnapshot Snapshot(string name) => Cache.GetOrAdd(name, n => ScaleScenario.Generate(Options(n)).ToSnapshot());
}
