using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>How a chip matches a label: <see cref="Equals"/> is a matchLabels entry, the others matchExpressions.</summary>
public enum ChipOperator { Equals, In, NotIn, Exists, DoesNotExist }

/// <summary>
/// One requirement of a label selector as the builder shows it: <c>role=db</c>, <c>tier in (web, api)</c>,
/// <c>env notin (dev)</c>, <c>team</c> (exists) or <c>!canary</c> (does not exist). Values are typed comma-separated.
/// </summary>
public sealed class LabelChip
{
    public string Key { get; set; } = "";
    public ChipOperator Operator { get; set; } = ChipOperator.Equals;
    public string Values { get; set; } = "";

    public bool NeedsValues => Operator is ChipOperator.Equals or ChipOperator.In or ChipOperator.NotIn;

    /// <summary>The values as entered, trimmed, empty entries dropped (an Equals chip keeps its one value, even empty).</summary>
    public ImmutableArray<string> ValueList =>
        Operator == ChipOperator.Equals
            ? [Values.Trim()]
            : [.. Values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public string Text => Operator switch
    {
        ChipOperator.Equals => $"{Key}={Values.Trim()}",
        ChipOperator.In => $"{Key} in ({string.Join(", ", ValueList)})",
        ChipOperator.NotIn => $"{Key} notin ({string.Join(", ", ValueList)})",
        ChipOperator.Exists => Key,
        _ => $"!{Key}",
    };

    public LabelChip Copy() => new() { Key = Key, Operator = Operator, Values = Values };

    public static LabelChip Of(LabelSelectorRequirement requirement) => new()
    {
        Key = requirement.Key,
        Operator = requirement.Operator switch
        {
            "In" => ChipOperator.In,
            "NotIn" => ChipOperator.NotIn,
            "Exists" => ChipOperator.Exists,
            "DoesNotExist" => ChipOperator.DoesNotExist,
            // An operator the API does not know is kept as In so the values survive; the validator names it.
            _ => ChipOperator.In,
        },
        Values = requirement.Values.IsDefault ? "" : string.Join(", ", requirement.Values),
    };
}
