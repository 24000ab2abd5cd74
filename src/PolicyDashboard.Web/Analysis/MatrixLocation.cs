using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Reachability.Matrix;

namespace PolicyDashboard.Web.Analysis;

/// <summary>
/// A matrix query as the page's address and the API's parameters: <c>from</c> and <c>to</c> (empty = all namespaces,
/// <c>ns</c> = its workloads, <c>ns/Kind/name</c> = that workload's pods), <c>port</c> (<c>6379</c>, <c>53/UDP</c>;
/// empty = any port) and <c>view</c> (combined, ingress, egress). Parsing names the parameter that is wrong.
/// </summary>
public static class MatrixLocation
{
    public const string Path = "matrix";

    public static MatrixAxis ParseAxis(string? text)
    {
        var value = text?.Trim().Trim('/') ?? "";
        if (value.Length == 0) return MatrixAxis.AllNamespaces;
        var slash = value.IndexOf('/');
        return slash < 0 ? new MatrixAxis(value) : new MatrixAxis(value[..slash], value);
    }

    public static string AxisText(MatrixAxis axis) => axis.Workload ?? axis.Namespace ?? "";

    public static bool TryParse(string? from, string? to, string? port, string? view, out MatrixQuery query, out string? error)
    {
        query = MatrixQuery.Namespaces;
        error = null;
        PortFilter? filter = null;
        if (!string.IsNullOrWhiteSpace(port) && !string.Equals(port.Trim(), "any", StringComparison.OrdinalIgnoreCase))
        {
            if (!PortFilter.TryParse(port, out filter, out var portError))
            {
                error = $"port: {portError}";
                return false;
            }
        }
        if (!TryParseView(view, out var scope))
        {
            error = $"view: '{view}' is not a view: use combined, ingress or egress";
            return false;
        }
        query = new MatrixQuery(ParseAxis(from), ParseAxis(to), filter, scope);
        return true;
    }

    public static bool TryParseView(string? text, out ReachScope scope)
    {
        scope = ReachScope.Combined;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "combined": return true;
            case "ingress": scope = ReachScope.Ingress; return true;
            case "egress": scope = ReachScope.Egress; return true;
            default: return false;
        }
    }

    /// <summary>The query string (without <c>?</c>) for <paramref name="query"/>, leaving out defaults.</summary>
    public static string QueryString(MatrixQuery query)
    {
        var parts = new List<string>(4);
        if (AxisText(query.Sources) is { Length: > 0 } from) parts.Add("from=" + Uri.EscapeDataString(from));
        if (AxisText(query.Destinations) is { Length: > 0 } to) parts.Add("to=" + Uri.EscapeDataString(to));
        if (query.Port is { } p) parts.Add("port=" + Uri.EscapeDataString(p.ToString()));
        if (query.View != ReachScope.Combined) parts.Add("view=" + MatrixView.ScopeName(query.View));
        return string.Join("&", parts);
    }

    public static string Href(MatrixQuery query) => QueryString(query) is { Length: > 0 } q ? $"{Path}?{q}" : Path;
}
