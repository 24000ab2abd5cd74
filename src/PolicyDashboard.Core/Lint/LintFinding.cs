using System.Collections.Immutable;

namespace PolicyDashboard.Core.Lint;

/// <summary>
/// One finding: a stable code (<see cref="LintCodes"/>), its severity, a sentence, the objects involved (the first
/// is the one to change) and, where it points into one of them, the field path.
/// </summary>
public sealed record LintFinding(
    string Code,
    LintSeverity Severity,
    string Message,
    ImmutableArray<LintObject> Objects,
    string? Field = null)
{
    public override string ToString()
    {
        var where = Objects.IsDefaultOrEmpty ? "" : " [" + string.Join(", ", Objects) + (Field is null ? "" : " " + Field) + "]";
        return $"{Severity.ToString().ToLowerInvariant()} {Code}: {Message}{where}";
    }
}
