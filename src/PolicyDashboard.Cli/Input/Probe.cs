using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Input;

/// <summary>One probe of a probes file: its 0-based position and the endpoints as written (echoed in the results).</summary>
public sealed record Probe(int Index, string FromText, EndpointSpec From, string ToText, EndpointSpec To, int Port, Protocol Protocol);
