using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>
/// The verdict for one probe. <see cref="Source"/> and <see cref="Destination"/> are what the probe's endpoints
/// resolved to (a pod, or an address outside the cluster); the verdict carries the per-direction trails.
/// </summary>
public sealed record ProbeResult(Probe Probe, Endpoint Source, Endpoint Destination, Verdict Verdict)
{
    public bool Allowed => Verdict.Allowed;
}
