using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Analysis;

public sealed class ReachabilitySession
{
    public static ReachabilitySession Create(ClusterSnapshot snapshot, string engine, PhaseTimer timer) =>
        throw new CliException("engine not available yet", ExitCodes.Findings);

    public IReadOnlyList<ProbeResult> EvaluateProbes(IReadOnlyList<Probe> probes) => throw new NotSupportedException();

    public MatrixResult ComputeMatrix(IReadOnlyList<PortSpec> ports) => throw new NotSupportedException();
}
