using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>
/// A label selector being built from chips. <see cref="Equals"/> chips become matchLabels (in chip order), the others
/// matchExpressions; no chip is the empty selector, which selects everything in its scope.
/// </summary>
public sealed class SelectorForm
{
    public List<LabelChip> Chips { get; } = [];

    public bool IsEmpty => Chips.Count == 0;

    public LabelSelector ToSelector()
    {
        var labels = Chips.Where(c => c.Operator == ChipOperator.Equals).Select(c => (c.Key.Trim(), c.Values.Trim())).ToArray();
        var expressions = Chips.Where(c => c.Operator != ChipOperator.Equals)
            .Select(c => new LabelSelectorRequirement(c.Key.Trim(), c.Operator.ToString(), c.NeedsValues ? c.ValueList : []))
            .ToImmutableArray();
        return new LabelSelector(Labels.From(labels.Select(l => KeyValuePair.Create(l.Item1, l.Item2))), expressions);
    }

    public static SelectorForm From(LabelSelector? selector)
    {
        var form = new SelectorForm();
        if (selector is null) return form;
        foreach (var (key, value) in selector.MatchLabels.OrderBy(l => l.Key, StringComparer.Ordinal))
            form.Chips.Add(new LabelChip { Key = key, Operator = ChipOperator.Equals, Values = value });
        if (!selector.MatchExpressions.IsDefault)
            foreach (var requirement in selector.MatchExpressions) form.Chips.Add(LabelChip.Of(requirement));
        return form;
    }

    public SelectorForm Copy()
    {
        var copy = new SelectorForm();
        copy.Chips.AddRange(Chips.Select(c => c.Copy()));
        return copy;
    }

    /// <summary>The selector in kubectl's words: <c>role=db, tier in (web)</c>, or "everything" when empty.</summary>
    public string Text(string everything) => IsEmpty ? everything : string.Join(", ", Chips.Select(c => c.Text));
}
