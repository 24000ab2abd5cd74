using System.Globalization;
using PolicyDashboard.Core.Activity;

namespace PolicyDashboard.Web.Activity;

/// <summary>
/// Which activity entries to show or export, with the same meaning on the page and in <c>/api/v1/activity</c>:
/// <c>namespace</c> and <c>kind</c> match exactly (namespace "" is not a filter; the cluster-scoped kinds have none),
/// <c>action</c> is created, updated or deleted, <c>who</c> and <c>q</c> match case-insensitively anywhere (q searches
/// the policy, who and the opened/closed pairs), <c>from</c>/<c>to</c> bound <see cref="ActivityEntry.When"/>
/// (inclusive, ISO 8601; a date alone is midnight UTC).
/// </summary>
public sealed record ActivityFilter(
    string? Namespace = null,
    string? Kind = null,
    ActivityAction? Action = null,
    string? Who = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null)
{
    public static readonly ActivityFilter None = new();

    public const string ExportPath = "api/v1/activity";

    public static readonly IReadOnlyList<string> Kinds =
        ["NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"];

    /// <summary>Reads query values; each problem is added to <paramref name="errors"/> under its parameter name and that value ignored.</summary>
    public static ActivityFilter Parse(string? @namespace, string? kind, string? action, string? who, string? q, string? from, string? to, IDictionary<string, string[]> errors)
    {
        ActivityAction? parsedAction = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (Enum.TryParse<ActivityAction>(action.Trim(), ignoreCase: true, out var a) && Enum.IsDefined(a) && !int.TryParse(action, out _)) parsedAction = a;
            else errors["action"] = [$"'{action}' is not an action: use created, updated or deleted"];
        }
        string? parsedKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            parsedKind = Kinds.FirstOrDefault(k => k.Equals(kind.Trim(), StringComparison.OrdinalIgnoreCase));
            if (parsedKind is null) errors["kind"] = [$"'{kind}' is not a policy kind: use {string.Join(", ", Kinds)}"];
        }
        return new ActivityFilter(
            Blank(@namespace), parsedKind, parsedAction, Blank(who), Blank(q), Time("from", from, errors), Time("to", to, errors));
    }

    public IEnumerable<ActivityEntry> Apply(IEnumerable<ActivityEntry> entries) => entries.Where(Matches);

    public bool Matches(ActivityEntry e) =>
        (Namespace is null || e.Namespace == Namespace)
        && (Kind is null || e.Kind == Kind)
        && (Action is null || e.Action == Action)
        && (Who is null || e.Who.Contains(Who, StringComparison.OrdinalIgnoreCase))
        && (From is null || e.When >= From)
        && (To is null || e.When <= To)
        && (Text is null || Searchable(e).Any(s => s.Contains(Text, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<string> Searchable(ActivityEntry e) =>
        [e.Kind, e.Policy, e.Who, .. (e.Pairs.IsDefault ? [] : e.Pairs.Select(p => p.ToString()))];

    /// <summary>The query string (with a leading ?) that reproduces this filter; <paramref name="first"/> goes first.</summary>
    public string Query(string? first = null)
    {
        var parts = new List<string>(8);
        if (first is not null) parts.Add(first);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) parts.Add($"{key}={Uri.EscapeDataString(value)}");
        }
        Add("namespace", Namespace);
        Add("kind", Kind);
        Add("action", Action?.ToString().ToLowerInvariant());
        Add("who", Who);
        Add("q", Text);
        Add("from", From?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Add("to", To?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public string ExportUrl(string format) => ExportPath + Query($"format={format}");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static DateTimeOffset? Time(string key, string? text, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        errors[key] = [$"'{text}' is not a time: use ISO 8601, e.g. 2026-11-26 or 2026-11-26T10:00:00Z"];
        return null;
    }
}
