using System.Globalization;

namespace PolicyDashboard.Web.Inventory;

/// <summary>Ages in kubectl's short form (k8s.io/apimachinery/pkg/util/duration.HumanDuration).</summary>
public static class HumanAge
{
    public static string Format(DateTimeOffset? created, DateTimeOffset now) =>
        created is { } c ? Format(now - c) : "";

    public static string Format(TimeSpan age)
    {
        var seconds = (long)age.TotalSeconds;
        // Up to two seconds in the future count as now (clocks of the cluster and this host differ a little).
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return F($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10) return seconds % 60 == 0 ? F($"{minutes}m") : F($"{minutes}m{seconds % 60}s");
        if (minutes < 60 * 3) return F($"{minutes}m");
        var hours = minutes / 60;
        if (hours < 8) return minutes % 60 == 0 ? F($"{hours}h") : F($"{hours}h{minutes % 60}m");
        if (hours < 48) return F($"{hours}h");
        if (hours < 24 * 8) return hours % 24 == 0 ? F($"{hours / 24}d") : F($"{hours / 24}d{hours % 24}h");
        if (hours < 24 * 365 * 2) return F($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? F($"{hours / 24 / 365}y") : F($"{hours / 24 / 365}y{days}d");
        }
        return F($"{hours / 24 / 365}y");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
