using System.Collections.Immutable;

namespace PolicyDashboard.Core.Model;

/// <summary>
/// A metav1.LabelSelector as written (not yet validated or compiled): matchLabels AND matchExpressions.
/// An empty selector (<c>{}</c>) matches everything; an absent selector (null where it is used) means
/// whatever the field's documentation says — see the compiled matchers for each case.
/// </summary>
public sealed record LabelSelector(Labels MatchLabels, ImmutableArray<LabelSelectorRequirement> MatchExpressions)
{
    public static readonly LabelSelector Everything = new(Labels.Empty, ImmutableArray<LabelSelectorRequirement>.Empty);

    public static LabelSelector Of(params (string Key, string Value)[] matchLabels) =>
        new(Labels.Of(matchLabels), ImmutableArray<LabelSelectorRequirement>.Empty);

    public bool IsEmpty => MatchLabels.Count == 0 && MatchExpressions.IsDefaultOrEmpty;

    public bool Equals(LabelSelector? other) =>
        other is not null && MatchLabels.Equals(other.MatchLabels) &&
        MatchExpressions.AsSpan().SequenceEqual(other.MatchExpressions.AsSpan());

    public override int GetHashCode() => HashCode.Combine(MatchLabels, MatchExpressions.IsDefault ? 0 : MatchExpressions.Length);
}

/// <summary>One matchExpressions entry. Operator is kept as written ("In", "NotIn", "Exists", "DoesNotExist") so validation can report bad ones.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, ImmutableArray<string> Values)
{
    public bool Equals(LabelSelectorRequirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator &&
        Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Key, Operator, Values.IsDefault ? 0 : Values.Length);
}
