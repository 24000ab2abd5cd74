namespace PolicyDashboard.Core.Selectors;

/// <summary>Where a selector string stopped making sense: a 0-based character offset and what was expected there.</summary>
public sealed record SelectorParseError(int Position, string Message)
{
    public override string ToString() => $"at position {Position}: {Message}";
}

/// <summary>The outcome of parsing a selector string: a selector, or an error. User input never throws.</summary>
public sealed record SelectorParseResult
{
    private SelectorParseResult(Model.LabelSelector? selector, SelectorParseError? error)
    {
        Selector = selector;
        Error = error;
    }

    public Model.LabelSelector? Selector { get; }
    public SelectorParseError? Error { get; }
    public bool IsSuccess => Error is null;

    public static SelectorParseResult Success(Model.LabelSelector selector) => new(selector, null);
    public static SelectorParseResult Failure(int position, string message) => new(null, new SelectorParseError(position, message));
}
