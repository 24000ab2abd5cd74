using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Selectors;

/// <summary>
/// A label selector compiled once: a conjunction of requirements, or one of the two constants. An invalid selector
/// compiles to <see cref="Nothing"/> with its <see cref="Issues"/> kept, as apimachinery's LabelSelectorAsSelector
/// fails and its callers fall back to labels.Nothing().
/// </summary>
public sealed class CompiledSelector
{
    /// <summary><c>{}</c>: "An empty label selector matches all objects."</summary>
    public static readonly CompiledSelector Everything = new(ImmutableArray<CompiledRequirement>.Empty, false, ImmutableArray<SelectorIssue>.Empty);

    /// <summary>Matches no object (an absent selector where the API says so, or an invalid one).</summary>
    public static readonly CompiledSelector Nothing = new(ImmutableArray<CompiledRequirement>.Empty, true, ImmutableArray<SelectorIssue>.Empty);

    private readonly CompiledRequirement[] _requirements;

    internal CompiledSelector(ImmutableArray<CompiledRequirement> requirements, bool nothing, ImmutableArray<SelectorIssue> issues)
    {
        Requirements = requirements;
        _requirements = [.. requirements];
        MatchesNothing = nothing;
        Issues = issues;
    }

    /// <summary>Requirements sorted by key then operator (deterministic, as apimachinery sorts them).</summary>
    public ImmutableArray<CompiledRequirement> Requirements { get; }

    /// <summary>Why the selector was rejected; empty when it is valid.</summary>
    public ImmutableArray<SelectorIssue> Issues { get; }

    public bool IsValid => Issues.IsEmpty;
    public bool MatchesNothing { get; }
    public bool MatchesEverything => !MatchesNothing && _requirements.Length == 0;

    /// <summary>The label keys the selector looks at (what splits objects into classes that it cannot tell apart).</summary>
    public IEnumerable<string> Keys => Requirements.Select(r => r.Key).Distinct(StringComparer.Ordinal);

    /// <summary>Requirements are ANDed: matchLabels and matchExpressions must all hold.</summary>
    public bool Matches(Labels labels)
    {
        if (MatchesNothing) return false;
        foreach (ref readonly var r in _requirements.AsSpan())
            if (!r.Matches(labels)) return false;
        return true;
    }

    /// <summary>kubectl form; <c>&lt;none&gt;</c> for nothing, empty string for everything.</summary>
    public override string ToString() =>
        MatchesNothing ? "<none>" : string.Join(",", Requirements.Select(r => r.ToString()));
}
