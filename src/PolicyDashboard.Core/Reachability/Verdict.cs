using System.Text.Json.Serialization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability;

/// <summary>
/// Whether <see cref="From"/> can open a connection to <see cref="To"/> on <see cref="Port"/>/<see cref="Protocol"/>:
/// egress must be allowed at the source AND ingress at the destination. A pod reaching its own IP is always allowed
/// (<see cref="Loopback"/>). <see cref="Unreachable"/> says why no connection is possible at all (a pod without an IP).
/// From/To use the probe notation: <c>namespace/pod</c> or <c>ip:ADDRESS</c>.
/// </summary>
public sealed record Verdict(
    [property: JsonPropertyOrder(0)] string From,
    [property: JsonPropertyOrder(1)] string To,
    [property: JsonPropertyOrder(2)] int Port,
    [property: JsonPropertyOrder(3)] Protocol Protocol,
    [property: JsonPropertyOrder(7)] bool Loopback,
    [property: JsonPropertyOrder(8)] string? Unreachable,
    [property: JsonPropertyOrder(10)] DirectionVerdict Egress,
    [property: JsonPropertyOrder(11)] DirectionVerdict Ingress)
{
    [JsonPropertyOrder(4)]
    public bool Allowed => Unreachable is null && (Loopback || (Egress.Allowed && Ingress.Allowed));

    [JsonPropertyOrder(5)]
    public bool IngressAllowed => Ingress.Allowed;

    [JsonPropertyOrder(6)]
    public bool EgressAllowed => Egress.Allowed;

    [JsonPropertyOrder(9)]
    public string Explanation => ToString();

    public override string ToString()
    {
        var result = Allowed ? "allowed" : "denied";
        if (Loopback) return $"{result}: loopback ({From} reaching its own IP is always allowed)";
        var prefix = Unreachable is null ? result : $"{result}: {Unreachable}";
        return $"{prefix}; egress at {From}: {Egress}; ingress at {To}: {Ingress}";
    }
}
