using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Input;

/// <summary>
/// One probe of a probes file: its 0-based position and the endpoints as written (echoed in the results).
/// <see cref="PortName"/> is set when the probe names a port instead of numbering it; <see cref="Port"/> is then 0
/// until it is resolved on the destination pod.
/// </summary>
public sealed record Probe(int Index, string FromText, EndpointSpec From, string ToText, EndpointSpec To, int Port, Protocol Protocol, string? PortName = null);
