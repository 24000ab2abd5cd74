using System.Collections.Immutable;

namespace PolicyDashboard.Core.Describe;

/// <summary>
/// A policy in words, rendered from its compiled form: what it applies to (<see cref="Subject"/>), what that does to
/// the selected pods (<see cref="Effect"/>), one sentence per rule and direction in evaluation order, and notes on
/// parts that have no effect. <see cref="ToString"/> joins the sentences with "; ", e.g. "Selects pods with role=db in
/// default; isolated for Ingress; allows from pods with k8s-app=guestbook in default, on all ports".
/// </summary>
public sealed record PolicyDescription(
    string Subject,
    string Effect,
    ImmutableArray<string> Ingress,
    ImmutableArray<string> Egress,
    ImmutableArray<string> Notes)
{
    /// <summary>Why the effect is what it is when an API default decided it (omitted policyTypes); null otherwise.</summary>
    public string? Defaulting { get; init; }

    public IEnumerable<string> Sentences => [Subject, Effect, .. Ingress, .. Egress, .. Notes];

    public override string ToString() => string.Join("; ", Sentences);
}
