using System.Globalization;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Inventory;

/// <summary>The words the banner, the loading panel and the connection indicator use for a connection status.</summary>
public static class StatusText
{
    /// <summary>"Cluster data is stale since 10:42:13 UTC — retrying; last error: …", or null when nothing is wrong.</summary>
    public static string? Banner(ConnectionStatus status)
    {
        var since = Time(status.Since);
        var error = string.IsNullOrWhiteSpace(status.LastError) ? "" : "; last error: " + status.LastError;
        return status.State switch
        {
            ConnectionState.Stale => $"Cluster data is stale since {since} — retrying{error}",
            ConnectionState.Error => $"Cluster unreachable since {since} — retrying{error}",
            _ => null,
        };
    }

    public static string Indicator(ConnectionState state) => state switch
    {
        ConnectionState.Connecting => "Loading",
        ConnectionState.Live => "Live",
        ConnectionState.Stale => "Stale",
        ConnectionState.Error => "Unreachable",
        _ => state.ToString(),
    };

    /// <summary>"pods 45,000 / 150,000" while a kind loads; the total is left out when the list did not announce one.</summary>
    public static string Kind(KindProgress kind)
    {
        var name = KindPlural(kind.Kind);
        if (!kind.Served) return $"{name}: not served by this cluster";
        var loaded = kind.Loaded.ToString("N0", CultureInfo.InvariantCulture);
        var text = kind.Expected is { } expected ? $"{name} {loaded} / {expected.ToString("N0", CultureInfo.InvariantCulture)}" : $"{name} {loaded}";
        return kind.Synced ? text + " ✓" : text;
    }

    /// <summary>Overall progress in percent, or null when no kind announced its total.</summary>
    public static double? Percent(ConnectionStatus status)
    {
        long loaded = 0, expected = 0;
        foreach (var k in status.Kinds)
        {
            if (!k.Served) continue;
            if (k.Synced) { loaded += k.Loaded; expected += k.Loaded; continue; }
            if (k.Expected is not { } e) return null;
            loaded += Math.Min(k.Loaded, e);
            expected += e;
        }
        return expected == 0 ? null : 100.0 * loaded / expected;
    }

    /// <summary>The resource name kubectl uses ("pods", "networkpolicies"), whatever form the kind was given in.</summary>
    public static string KindPlural(string kind)
    {
        var lower = kind.ToLowerInvariant();
        if (lower.EndsWith("ss", StringComparison.Ordinal)) return lower + "es";
        if (lower.EndsWith('s')) return lower;
        return lower.EndsWith('y') ? lower[..^1] + "ies" : lower + "s";
    }

    public static string Time(DateTimeOffset t) => t.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
