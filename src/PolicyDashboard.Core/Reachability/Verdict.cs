using System.Text.Json.Serialization;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

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

    /// <summary>
    /// A pod reaching itself (by name or by its own IP): "a pod cannot block access to itself" (NetworkPolicy
    /// concepts). The upstream e2e suite leaves loopback out of its verdicts; here it is always allowed and flagged.
    /// </summary>
    public static Verdict ForLoopback(string from, string to, int port, Protocol protocol, bool hasIp)
    {
        var self = new DirectionVerdict(Direction.Egress, true, [new TrailStep(PolicyTier.Default, StepOutcome.Loopback)]);
        return new Verdict(from, to, port, protocol, Loopback: true,
            Unreachable: hasIp ? null : $"{to} has no IP", self, self with { Direction = Direction.Ingress });
    }

    /// <summary>
    /// Both directions' verdicts combined. A pod without an IP cannot be reached; as a source it cannot send either
    /// (it has no address to send from). An endpoint that is no pod and has no IP is an unparsable address.
    /// </summary>
    public static Verdict Of(string from, string to, int port, Protocol protocol,
        (bool IsPod, bool HasIp) source, (bool IsPod, bool HasIp) destination, DirectionVerdict egress, DirectionVerdict ingress)
    {
        string? unreachable = null;
        if (!destination.HasIp) unreachable = destination.IsPod ? $"destination {to} has no IP" : $"{to} is not an IP address";
        else if (!source.HasIp) unreachable = source.IsPod ? $"source {from} has no IP" : $"{from} is not an IP address";
        return new Verdict(from, to, port, protocol, Loopback: false, unreachable, egress, ingress);
    }

    public override string ToString()
    {
        var result = Allowed ? "allowed" : "denied";
        if (Loopback) return $"{result}: loopback ({From} reaching its own IP is always allowed)";
        var prefix = Unreachable is null ? result : $"{result}: {Unreachable}";
        return $"{prefix}; egress at {From}: {Egress}; ingress at {To}: {Ingress}";
    }
}
