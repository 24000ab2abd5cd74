using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Analysis;

public static class ManifestSet
{
    public static ClusterSnapshot Load(IReadOnlyList<string> paths, TextWriter stderr, PhaseTimer timer) =>
        throw new CliException("manifest loading is not available yet", ExitCodes.Findings);
}
