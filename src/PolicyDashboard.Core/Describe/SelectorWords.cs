using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Describe;

/// <summary>
/// A compiled label selector in words. Requirements are ANDed ("matchLabels and matchExpressions must all hold"), and
/// the apimachinery operators read as they match: <c>NotIn</c> and <c>DoesNotExist</c> also match objects without
/// the key (k8s.io/apimachinery/pkg/labels Requirement.Matches).
/// </summary>
public static class SelectorWords
{
    /// <summary><c>role=db and label tier</c>; "everything" for <c>{}</c>; "nothing" for a selector that matches nothing.</summary>
    public static string Of(CompiledSelector selector)
    {
        if (selector.MatchesNothing) return selector.IsValid ? "nothing" : "nothing (the selector is invalid)";
        if (selector.MatchesEverything) return "everything";
        return string.Join(" and ", selector.Requirements.Select(Of));
    }

    public static string Of(CompiledRequirement requirement) => requirement.Operator switch
    {
        SelectorOperator.In when requirement.Values.Length == 1 => $"{requirement.Key}={requirement.Values[0]}",
        SelectorOperator.In => $"{requirement.Key} in ({string.Join(", ", requirement.Values)})",
        // "NotIn: the key does not exist, or its value is none of the values."
        SelectorOperator.NotIn when requirement.Values.Length == 1 => $"({requirement.Key}!={requirement.Values[0]} or no label {requirement.Key})",
        SelectorOperator.NotIn => $"({requirement.Key} not in ({string.Join(", ", requirement.Values)}) or no label {requirement.Key})",
        SelectorOperator.Exists => $"label {requirement.Key}",
        SelectorOperator.DoesNotExist => $"no label {requirement.Key}",
        SelectorOperator.GreaterThan => $"{requirement.Key}>{First(requirement)}",
        SelectorOperator.LessThan => $"{requirement.Key}<{First(requirement)}",
        _ => requirement.ToString(),
    };

    private static string First(CompiledRequirement r) => r.Values.Length > 0 ? r.Values[0] : "";
}
