using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Web.Inventory;

/// <summary>What the user asked a list for: one namespace (null = all), free text, and a kubectl-style label selector.</summary>
public sealed record ListFilter(string? Namespace = null, string? Text = null, string? Selector = null)
{
    public static readonly ListFilter None = new();

    /// <summary>Blank fields become null and text is trimmed, so equal intents compare equal.</summary>
    public ListFilter Normalize() => new(Blank(Namespace), Blank(Text), Blank(Selector));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A <see cref="ListFilter"/> with its selector parsed once, ready to test many objects.</summary>
public sealed class CompiledListFilter
{
    private readonly CompiledSelector? _selector;

    private CompiledListFilter(ListFilter filter, CompiledSelector? selector, string? selectorError)
    {
        Filter = filter;
        _selector = selector;
        SelectorError = selectorError;
    }

    public ListFilter Filter { get; }

    /// <summary>Why the selector text could not be parsed; null when it parsed or was empty.</summary>
    public string? SelectorError { get; }

    public static CompiledListFilter Compile(ListFilter filter)
    {
        var normalized = filter.Normalize();
        if (normalized.Selector is null) return new(normalized, null, null);
        var (selector, error) = SelectorInput.Parse(normalized.Selector);
        return new(normalized, selector, error);
    }

    /// <summary>
    /// All given conditions must hold. A selector that does not parse matches nothing, as kubectl answers an
    /// invalid <c>-l</c> with an error rather than with every object.
    /// </summary>
    public bool Matches<T>(T item, ObjectMeta meta, Func<T, string, bool> matchesText)
    {
        if (Filter.Namespace is { } ns && !string.Equals(meta.Namespace ?? "", ns, StringComparison.Ordinal)) return false;
        if (SelectorError is not null) return false;
        if (_selector is not null && !_selector.Matches(meta.Labels)) return false;
        if (Filter.Text is { } text && !matchesText(item, text)) return false;
        return true;
    }
}

/// <summary>Case-insensitive substring search over the fields a list shows.</summary>
public static class TextSearch
{
    public static bool Contains(string? field, string text) =>
        field is not null && field.Contains(text, StringComparison.OrdinalIgnoreCase);

    public static bool AnyContains(IEnumerable<string> fields, string text)
    {
        foreach (var f in fields)
            if (f.Contains(text, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
