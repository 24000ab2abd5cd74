using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Selectors;

/// <summary>
/// Compiles and validates metav1.LabelSelector exactly as k8s.io/apimachinery/pkg/apis/meta/v1
/// LabelSelectorAsSelector and ValidateLabelSelector do. Never throws: a bad selector matches nothing and its
/// problems are returned as <see cref="SelectorIssue"/>s.
/// </summary>
public static class LabelSelectorMatcher
{
    /// <summary>
    /// metav1 semantics: null matches nothing ("A null label selector matches no objects"), <c>{}</c> matches everything,
    /// otherwise every matchLabels entry and every matchExpressions requirement must hold. Operators are
    /// In, NotIn, Exists, DoesNotExist only.
    /// </summary>
    public static CompiledSelector Compile(LabelSelector? selector) => Compile(selector, allowNumericComparisons: false);

    /// <summary>
    /// As <see cref="Compile(LabelSelector?)"/>, but also accepts the <c>Gt</c>/<c>Lt</c> operators that string selectors
    /// (<c>?labelSelector=</c> on list requests) allow.
    /// </summary>
    public static CompiledSelector CompileQuery(LabelSelector? selector) => Compile(selector, allowNumericComparisons: true);

    public static bool Matches(LabelSelector? selector, Labels labels) => Compile(selector).Matches(labels);

    /// <summary>The API server's checks for a metav1.LabelSelector, with paths relative to the selector.</summary>
    public static ImmutableArray<SelectorIssue> Validate(LabelSelector? selector) =>
        selector is null ? ImmutableArray<SelectorIssue>.Empty : Build(selector, false, out _);

    private static CompiledSelector Compile(LabelSelector? selector, bool allowNumericComparisons)
    {
        if (selector is null) return CompiledSelector.Nothing;
        if (selector.IsEmpty) return CompiledSelector.Everything;
        var issues = Build(selector, allowNumericComparisons, out var requirements);
        return issues.IsEmpty
            ? new CompiledSelector(requirements, nothing: false, issues)
            : new CompiledSelector(ImmutableArray<CompiledRequirement>.Empty, nothing: true, issues);
    }

    private static ImmutableArray<SelectorIssue> Build(LabelSelector selector, bool allowNumeric, out ImmutableArray<CompiledRequirement> requirements)
    {
        var issues = ImmutableArray.CreateBuilder<SelectorIssue>();
        var list = new List<CompiledRequirement>(selector.MatchLabels.Count + (selector.MatchExpressions.IsDefault ? 0 : selector.MatchExpressions.Length));

        // matchLabels: "each {key,value} is equivalent to an element of matchExpressions whose key field is key,
        // the operator is In, and the values array contains only value."
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (LabelSyntax.CheckKey(key) is { } keyProblem) issues.Add(new($"matchLabels.{key}", $"Invalid value: \"{key}\": {keyProblem}"));
            if (LabelSyntax.CheckValue(value) is { } valueProblem) issues.Add(new($"matchLabels.{key}", $"Invalid value: \"{value}\": {valueProblem}"));
            list.Add(new CompiledRequirement(key, SelectorOperator.In, [value]));
        }

        var expressions = selector.MatchExpressions.IsDefault ? ImmutableArray<LabelSelectorRequirement>.Empty : selector.MatchExpressions;
        for (var i = 0; i < expressions.Length; i++)
        {
            var expr = expressions[i];
            var path = $"matchExpressions[{i}]";
            var values = expr.Values.IsDefault ? ImmutableArray<string>.Empty : expr.Values;
            var op = ParseOperator(expr.Operator, allowNumeric);
            if (op is null)
            {
                var supported = allowNumeric ? "\"DoesNotExist\", \"Exists\", \"Gt\", \"In\", \"Lt\", \"NotIn\"" : "\"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"";
                issues.Add(new($"{path}.operator", $"Unsupported value: \"{expr.Operator}\": supported values: {supported}"));
            }
            else
            {
                switch (op.Value)
                {
                    // "If the operator is In or NotIn, the values array must be non-empty."
                    case SelectorOperator.In or SelectorOperator.NotIn when values.Length == 0:
                        issues.Add(new($"{path}.values", "Required value: must be specified when `operator` is 'In' or 'NotIn'"));
                        break;
                    // "If the operator is Exists or DoesNotExist, the values array must be empty."
                    case SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Length != 0:
                        issues.Add(new($"{path}.values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                        break;
                    case SelectorOperator.GreaterThan or SelectorOperator.LessThan when values.Length != 1 || !long.TryParse(values[0], out _):
                        issues.Add(new($"{path}.values", "Invalid value: for 'Gt', 'Lt' operators, exactly one integer value is required"));
                        break;
                }
            }
            if (LabelSyntax.CheckKey(expr.Key) is { } keyProblem) issues.Add(new($"{path}.key", $"Invalid value: \"{expr.Key}\": {keyProblem}"));
            for (var j = 0; j < values.Length; j++)
                if (LabelSyntax.CheckValue(values[j]) is { } valueProblem) issues.Add(new($"{path}.values[{j}]", $"Invalid value: \"{values[j]}\": {valueProblem}"));
            if (op is not null)
                list.Add(new CompiledRequirement(expr.Key, op.Value,
                    [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
        }

        // A total order (key, operator, values) so the same requirements always print the same way.
        list.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            if (c != 0) return c;
            c = a.Operator.CompareTo(b.Operator);
            if (c != 0) return c;
            for (var i = 0; i < Math.Min(a.Values.Length, b.Values.Length); i++)
                if ((c = string.CompareOrdinal(a.Values[i], b.Values[i])) != 0) return c;
            return a.Values.Length.CompareTo(b.Values.Length);
        });
        requirements = [.. list];
        return issues.ToImmutable();
    }

    private static SelectorOperator? ParseOperator(string? op, bool allowNumeric) => op switch
    {
        "In" => SelectorOperator.In,
        "NotIn" => SelectorOperator.NotIn,
        "Exists" => SelectorOperator.Exists,
        "DoesNotExist" => SelectorOperator.DoesNotExist,
        "Gt" when allowNumeric => SelectorOperator.GreaterThan,
        "Lt" when allowNumeric => SelectorOperator.LessThan,
        _ => null,
    };
}
