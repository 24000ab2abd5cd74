using System.Text;
using System.Text.Json;
using PolicyDashboard.Core.Export;
using PolicyDashboard.Core.Lint;
using PolicyDashboard.Core.Reachability.Matrix;

namespace PolicyDashboard.Web.Api;

/// <summary>
/// The matrix and the findings as files: CSV (one row per cell or finding) and JSON (the query, the headers and
/// the cells). Written straight to the response, so a large matrix is never held twice in memory.
/// </summary>
public static class MatrixExport
{
    public static string StateName(CellState state) => state switch
    {
        CellState.All => "all",
        CellState.Some => "some",
        CellState.None => "none",
        _ => "n/a",
    };

    public static async Task WriteCsvAsync(MatrixView view, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        Csv.WriteRow(writer, "source", "source_kind", "destination", "destination_kind", "state", "pod_pairs", "allowed_every_port", "allowed_some_port");
        for (var r = 0; r < view.Rows.Count; r++)
        {
            for (var c = 0; c < view.Columns.Count; c++)
            {
                var i = view.Index(r, c);
                Csv.WriteRow(writer, view.Rows[r].Id, view.Rows[r].Kind.ToString(), view.Columns[c].Id, view.Columns[c].Kind.ToString(),
                    StateName((CellState)view.States[i]), N(view.Pairs(i)), N(view.AllPairs(i)), N(view.AnyPairs(i)));
            }
            if (r % 64 == 63) await writer.FlushAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    public static async Task WriteJsonAsync(MatrixView view, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartObject("query");
        json.WriteString("from", view.Query.Sources.ToString());
        json.WriteString("to", view.Query.Destinations.ToString());
        json.WriteString("port", view.Query.Port?.ToString() ?? "any");
        json.WriteString("view", MatrixView.ScopeName(view.Query.View));
        json.WriteEndObject();
        json.WriteNumber("snapshotVersion", view.Version);
        WriteHeaders(json, "rows", view.Rows);
        WriteHeaders(json, "columns", view.Columns);
        json.WriteStartArray("cells");
        for (var r = 0; r < view.Rows.Count; r++)
        {
            for (var c = 0; c < view.Columns.Count; c++)
            {
                var i = view.Index(r, c);
                json.WriteStartObject();
                json.WriteString("source", view.Rows[r].Id);
                json.WriteString("destination", view.Columns[c].Id);
                json.WriteString("state", StateName((CellState)view.States[i]));
                json.WriteNumber("podPairs", view.Pairs(i));
                json.WriteNumber("allowedEveryPort", view.AllPairs(i));
                json.WriteNumber("allowedSomePort", view.AnyPairs(i));
                json.WriteEndObject();
            }
            if (json.BytesPending > 32 * 1024) await json.FlushAsync(cancellationToken);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    public static async Task WriteFindingsCsvAsync(IEnumerable<LintFinding> findings, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        Csv.WriteRow(writer, "code", "severity", "namespace", "objects", "field", "message");
        foreach (var f in findings)
            Csv.WriteRow(writer, f.Code, f.Severity.ToString().ToLowerInvariant(), FindingNamespace(f) ?? "",
                string.Join(" ", f.Objects.Select(o => $"{o.Kind}/{(o.Key.Namespace.Length > 0 ? o.Key.Namespace + "/" : "")}{o.Key.Name}")),
                f.Field ?? "", f.Message);
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The namespace a finding is about: its first namespaced object's, or the Namespace object it names.</summary>
    public static string? FindingNamespace(LintFinding finding) =>
        finding.Objects.Select(o => o.Kind == "Namespace" ? o.Key.Name : o.Key.Namespace).FirstOrDefault(n => n.Length > 0);

    private static void WriteHeaders(Utf8JsonWriter json, string name, IReadOnlyList<MatrixHeader> headers)
    {
        json.WriteStartArray(name);
        foreach (var h in headers)
        {
            json.WriteStartObject();
            json.WriteString("id", h.Id);
            json.WriteString("label", h.Label);
            json.WriteString("kind", h.Kind.ToString());
            json.WriteNumber("pods", h.Pods);
            if (h.Address is not null) json.WriteString("address", h.Address);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string N(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
