using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Web.Inventory;

/// <summary>Turns what a user typed in a label-selector field into a matcher, or an error to show under the field.</summary>
public static class SelectorInput
{
    /// <summary>
    /// The kubectl <c>-l</c> grammar (including <c>&gt;</c>/<c>&lt;</c>, which list queries allow). Returns either a
    /// selector or a message naming the position, never both.
    /// </summary>
    public static (CompiledSelector? Selector, string? Error) Parse(string text)
    {
        var parsed = SelectorParser.Parse(text);
        if (parsed.Error is { } error) return (null, $"Invalid selector {error}");
        var compiled = LabelSelectorMatcher.CompileQuery(parsed.Selector);
        return compiled.IsValid ? (compiled, null) : (null, "Invalid selector: " + string.Join("; ", compiled.Issues));
    }
}
