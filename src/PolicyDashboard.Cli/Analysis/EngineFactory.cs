using PolicyDashboard.Cli.Commands;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>Builds the engine --engine names for a snapshot (the "compile" phase).</summary>
public static class EngineFactory
{
    public static IReachabilityEngine Create(string name, ClusterSnapshot snapshot) => name switch
    {
        CommonOptions.ReferenceEngine => ReferenceEngine.For(snapshot),
        CommonOptions.FastEngine => FastEngine.For(snapshot),
        _ => throw new CliException($"--engine: '{name}' is not supported (expected one of: {CommonOptions.FastEngine}, {CommonOptions.ReferenceEngine})"),
    };
}
