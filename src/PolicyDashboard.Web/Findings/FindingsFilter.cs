using PolicyDashboard.Core.Lint;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Inventory;

namespace PolicyDashboard.Web.Findings;

/// <summary>
/// The findings page's filter, as its query string carries it, with the meaning the findings API gives the same
/// parameters (so the CSV export holds what the page shows): <c>severity</c> is a threshold (info, warning or error:
/// that severity and above, as <see cref="LintSeverity"/> is ordered) and <c>namespace</c> keeps the findings about that
/// namespace (<see cref="Api.MatrixExport.FindingNamespace"/>: the first namespaced object's, or the Namespace named).
/// </summary>
public sealed record FindingsFilter(LintSeverity? Severity, string? Namespace)
{
    public const string SeverityKey = "severity";
    public const string NamespaceKey = "namespace";
    public const string ExportPath = "api/v1/findings";

    public static readonly FindingsFilter None = new(null, null);

    /// <summary>Reads the query values; an unknown severity is reported (and ignored) rather than thrown.</summary>
    public static FindingsFilter Parse(string? severity, string? @namespace, out string? error)
    {
        error = null;
        LintSeverity? parsed = null;
        if (!string.IsNullOrWhiteSpace(severity))
        {
            if (Enum.TryParse<LintSeverity>(severity.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(severity, out _)) parsed = s;
            else error = $"Unknown severity \"{severity}\": use error, warning or info.";
        }
        return new FindingsFilter(parsed, string.IsNullOrWhiteSpace(@namespace) ? null : @namespace.Trim());
    }

    public IEnumerable<LintFinding> Apply(IEnumerable<LintFinding> findings) =>
        findings.Where(f => (Severity is not { } s || f.Severity >= s) && (Namespace is not { } ns || NamespaceOf(f) == ns));

    public static string? NamespaceOf(LintFinding finding) =>
        finding.Objects.IsDefaultOrEmpty ? null : Api.MatrixExport.FindingNamespace(finding);

    /// <summary>Every namespace findings are about, sorted.</summary>
    public static IReadOnlyList<string> NamespacesIn(IEnumerable<LintFinding> findings) =>
        [.. findings.Select(NamespaceOf).OfType<string>().Distinct(StringComparer.Ordinal).Order(NaturalStringComparer.Instance)];

    /// <summary>The detail page of an object a finding is about; null when the dashboard has none for its kind.</summary>
    public static string? LinkOf(LintObject o) => o.Kind switch
    {
        "NetworkPolicy" => Links.NetworkPolicy(o.Key.Namespace, o.Key.Name),
        "Pod" => Links.Pod(o.Key),
        "Service" => Links.Service(o.Key.Namespace, o.Key.Name),
        "Namespace" => Links.Namespace(o.Key.Name),
        _ => o.AdminKey is { } key ? Links.AdminPolicy(key.Kind, key.Name) : null,
    };

    /// <summary>The page's own URL for this filter.</summary>
    public string PageUrl => "findings" + Query(null);

    /// <summary>The CSV export of the same findings: <c>api/v1/findings?format=csv</c> plus the filter.</summary>
    public string ExportCsvUrl => ExportPath + Query("format=csv");

    public FindingsFilter WithSeverity(LintSeverity? severity) => this with { Severity = severity };

    private string Query(string? first)
    {
        var parts = new List<string>(3);
        if (first is not null) parts.Add(first);
        if (Severity is { } s) parts.Add($"{SeverityKey}={s.ToString().ToLowerInvariant()}");
        if (Namespace is { } ns) parts.Add($"{NamespaceKey}={Uri.EscapeDataString(ns)}");
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
