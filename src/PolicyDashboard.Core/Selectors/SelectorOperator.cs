namespace PolicyDashboard.Core.Selectors;

/// <summary>
/// Requirement operators after compilation. matchLabels entries and <c>=</c>/<c>==</c> become <see cref="In"/> with one
/// value, <c>!=</c> becomes <see cref="NotIn"/> with one value: apimachinery matches them identically.
/// <see cref="GreaterThan"/>/<see cref="LessThan"/> exist only in string selectors (list queries), never in a metav1.LabelSelector.
/// </summary>
public enum SelectorOperator { In, NotIn, Exists, DoesNotExist, GreaterThan, LessThan }

/// <summary>A problem with a selector as a field path (relative to the selector) and a message, like the API server reports it.</summary>
public sealed record SelectorIssue(string Field, string Message)
{
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
