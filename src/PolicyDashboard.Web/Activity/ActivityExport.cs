using System.Globalization;
using System.Text;
using System.Text.Json;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Core.Export;

namespace PolicyDashboard.Web.Activity;

/// <summary>The activity history as auditors take it away: CSV (one row per entry) or JSON (the stored form).</summary>
public static class ActivityExport
{
    public static readonly string[] CsvHeader =
        ["when", "observedAt", "action", "kind", "namespace", "name", "who", "whoSource", "seenAtStart", "resourceVersion", "opened", "closed", "pairs", "id"];

    public static async Task WriteCsvAsync(IEnumerable<ActivityEntry> entries, Stream stream, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        Csv.WriteRow(writer, CsvHeader);
        foreach (var e in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Csv.WriteRow(writer,
                Time(e.When), Time(e.ObservedAt), e.Action.ToString().ToLowerInvariant(), e.Kind, e.Namespace, e.Name, e.Who,
                e.WhoSource.ToString(), Csv.Bool(e.SeenAtStart), e.ResourceVersion ?? "", Number(e.Opened), Number(e.Closed),
                string.Join("; ", e.Pairs.IsDefault ? [] : e.Pairs.Select(p => p.ToString())), e.Id);
        }
        await writer.FlushAsync(cancellationToken);
    }

    public static Task WriteJsonAsync(IEnumerable<ActivityEntry> entries, Stream stream, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, entries, ActivityJson.Options, cancellationToken);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
}
