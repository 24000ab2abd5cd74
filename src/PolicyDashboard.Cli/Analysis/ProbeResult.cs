using System.Text.Json.Nodes;
using PolicyDashboard.Cli.Input;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>
/// The verdict for one probe, flattened for output. <see cref="Source"/> and <see cref="Destination"/> say what the
/// endpoints resolved to (a pod, or an address outside the cluster); <see cref="Explanation"/> is the engine's
/// text rendering of the deciding trail and <see cref="Trace"/> its JSON rendering.
/// </summary>
public sealed record ProbeResult(
    Probe Probe,
    string Source,
    string Destination,
    bool Allowed,
    bool IngressAllowed,
    bool EgressAllowed,
    bool Loopback,
    string Explanation,
    JsonNode? Trace);
