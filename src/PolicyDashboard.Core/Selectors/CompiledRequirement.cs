using System.Collections.Immutable;
using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Selectors;

/// <summary>One compiled requirement; values are de-duplicated and sorted (as apimachinery's sets.String).</summary>
public readonly record struct CompiledRequirement(string Key, SelectorOperator Operator, ImmutableArray<string> Values)
{
    /// <summary>Semantics of k8s.io/apimachinery/pkg/labels Requirement.Matches.</summary>
    public bool Matches(Labels labels)
    {
        switch (Operator)
        {
            case SelectorOperator.In:
                // "In: the key exists and its value is one of the values."
                return labels.TryGetValue(Key, out var v) && Contains(v);
            case SelectorOperator.NotIn:
                // "NotIn: the key does not exist, or its value is none of the values." A missing key matches.
                return !labels.TryGetValue(Key, out var w) || !Contains(w);
            case SelectorOperator.Exists:
                return labels.ContainsKey(Key);
            case SelectorOperator.DoesNotExist:
                return !labels.ContainsKey(Key);
            case SelectorOperator.GreaterThan:
            case SelectorOperator.LessThan:
                // Gt/Lt: the key exists and both sides parse as 64-bit integers; anything else does not match.
                if (!labels.TryGetValue(Key, out var s) || Values.Length != 1) return false;
                if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)) return false;
                if (!long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)) return false;
                return Operator == SelectorOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    private bool Contains(string value)
    {
        foreach (var candidate in Values)
            if (string.Equals(candidate, value, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The kubectl form: <c>k in (a,b)</c>, <c>k notin (a)</c>, <c>k</c>, <c>!k</c>, <c>k=a</c>, <c>k!=a</c>, <c>k&gt;1</c>.</summary>
    public override string ToString() => Operator switch
    {
        SelectorOperator.In when Values.Length == 1 => $"{Key}={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn when Values.Length == 1 => $"{Key}!={Values[0]}",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{(Values.Length > 0 ? Values[0] : "")}",
        SelectorOperator.LessThan => $"{Key}<{(Values.Length > 0 ? Values[0] : "")}",
        _ => Key,
    };
}
