using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Cli.Analysis;

namespace PolicyDashboard.Cli.Output;

/// <summary>
/// Renders probe results (analyze --probes, explain). JSON is an array with one object per probe, in the probes'
/// order: <c>from</c> and <c>to</c> as written, <c>port</c>, <c>protocol</c>, <c>allowed</c>, <c>ingressAllowed</c>,
/// <c>egressAllowed</c>, <c>loopback</c>, <c>explanation</c> (text), plus <c>index</c>, <c>source</c>,
/// <c>destination</c> (what the endpoints resolved to) and <c>trace</c> (the structured explanation).
/// </summary>
public static class ProbeResultWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<ProbeResult> results, string format)
    {
        switch (format)
        {
            case OutputFormats.Json: Json.Write(writer, new JsonArray([.. results.Select(ToJson)])); break;
            case OutputFormats.Table: WriteTable(writer, results); break;
            case OutputFormats.Csv: WriteCsv(writer, results); break;
            case OutputFormats.Summary: WriteSummary(writer, results); break;
            default: throw new CliException($"unknown output format '{format}'");
        }
    }

    public static JsonObject ToJson(ProbeResult result) => new()
    {
        ["index"] = result.Probe.Index,
        ["from"] = result.Probe.FromText,
        ["to"] = result.Probe.ToText,
        ["port"] = result.Probe.Port,
        ["protocol"] = result.Probe.Protocol.ToString(),
        ["allowed"] = result.Allowed,
        ["ingressAllowed"] = result.IngressAllowed,
        ["egressAllowed"] = result.EgressAllowed,
        ["loopback"] = result.Loopback,
        ["source"] = result.Source,
        ["destination"] = result.Destination,
        ["explanation"] = result.Explanation,
        ["trace"] = result.Trace?.DeepClone(),
    };

    public static string VerdictWord(ProbeResult result) =>
        result.Loopback ? "allowed (loopback)" : result.Allowed ? "allowed" : "denied";

    private static void WriteTable(TextWriter writer, IReadOnlyList<ProbeResult> results)
    {
        var table = new TextTable("#", "FROM", "TO", "PORT", "VERDICT", "EGRESS", "INGRESS");
        foreach (var r in results)
            table.Add(r.Probe.Index.ToString(CultureInfo.InvariantCulture), r.Probe.FromText, r.Probe.ToText,
                $"{r.Probe.Port.ToString(CultureInfo.InvariantCulture)}/{r.Probe.Protocol}", VerdictWord(r),
                Word(r.EgressAllowed), Word(r.IngressAllowed));
        table.Write(writer);
        foreach (var r in results)
        {
            writer.WriteLine();
            writer.WriteLine($"[{r.Probe.Index.ToString(CultureInfo.InvariantCulture)}] {r.Source} -> {r.Destination} " +
                             $"{r.Probe.Port.ToString(CultureInfo.InvariantCulture)}/{r.Probe.Protocol}: {VerdictWord(r)}");
            foreach (var line in r.Explanation.Split('\n'))
                writer.WriteLine("    " + line.TrimEnd('\r'));
        }
    }

    private static void WriteCsv(TextWriter writer, IReadOnlyList<ProbeResult> results)
    {
        Csv.WriteRow(writer, "index", "from", "to", "port", "protocol", "allowed", "ingressAllowed", "egressAllowed", "loopback", "explanation");
        foreach (var r in results)
            Csv.WriteRow(writer, r.Probe.Index.ToString(CultureInfo.InvariantCulture), r.Probe.FromText, r.Probe.ToText,
                r.Probe.Port.ToString(CultureInfo.InvariantCulture), r.Probe.Protocol.ToString(),
                Csv.Bool(r.Allowed), Csv.Bool(r.IngressAllowed), Csv.Bool(r.EgressAllowed), Csv.Bool(r.Loopback),
                CliApp.OneLine(r.Explanation));
    }

    /// <summary><c>{"probes": N, "allowed": A, "denied": D}</c>.</summary>
    private static void WriteSummary(TextWriter writer, IReadOnlyList<ProbeResult> results)
    {
        var allowed = results.Count(r => r.Allowed);
        Json.Write(writer, new JsonObject
        {
            ["probes"] = results.Count,
            ["allowed"] = allowed,
            ["denied"] = results.Count - allowed,
        });
    }

    private static string Word(bool allowed) => allowed ? "allowed" : "denied";
}
