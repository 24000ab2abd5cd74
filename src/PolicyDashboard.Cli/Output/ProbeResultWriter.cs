using PolicyDashboard.Core.Export;
using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Cli.Analysis;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Cli.Output;

/// <summary>
/// Renders probe results (analyze --probes, explain). JSON is an array with one object per probe, in the probes'
/// order: <c>index</c>, <c>from</c> and <c>to</c> as written, <c>port</c>, <c>protocol</c>, <c>allowed</c>,
/// <c>ingressAllowed</c>, <c>egressAllowed</c>, <c>loopback</c>, <c>explanation</c> (one line of text), then
/// <c>source</c> and <c>destination</c> (what the endpoints resolved to), <c>unreachable</c> (when set) and
/// <c>egress</c>/<c>ingress</c> (each direction's verdict and deciding trail).
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

    public static JsonObject ToJson(ProbeResult result)
    {
        var verdict = result.Verdict;
        var json = new JsonObject
        {
            ["index"] = result.Probe.Index,
            ["from"] = result.Probe.FromText,
            ["to"] = result.Probe.ToText,
            ["port"] = result.Probe.Port,
            ["protocol"] = result.Probe.Protocol.ToString(),
            ["allowed"] = verdict.Allowed,
            ["ingressAllowed"] = verdict.IngressAllowed,
            ["egressAllowed"] = verdict.EgressAllowed,
            ["loopback"] = verdict.Loopback,
            ["explanation"] = verdict.Explanation,
            ["source"] = EndpointResolver.Describe(result.Source),
            ["destination"] = EndpointResolver.Describe(result.Destination),
        };
        if (result.Probe.PortName is not null) json["portName"] = result.Probe.PortName;
        if (verdict.Unreachable is not null) json["unreachable"] = verdict.Unreachable;
        // The per-direction trails in the one JSON form the engine defines for verdicts.
        var full = JsonNode.Parse(VerdictJson.Serialize(verdict))!.AsObject();
        json["egress"] = full["egress"]?.DeepClone();
        json["ingress"] = full["ingress"]?.DeepClone();
        return json;
    }

    public static string VerdictWord(Verdict verdict) =>
        verdict.Loopback ? "allowed (loopback)" : verdict.Allowed ? "allowed" : "denied";

    /// <summary>The text form of explain: a headline, then each direction's trail.</summary>
    public static void WriteText(TextWriter writer, ProbeResult result)
    {
        var v = result.Verdict;
        var port = $"{result.Probe.Port.ToString(CultureInfo.InvariantCulture)}/{result.Probe.Protocol}";
        writer.WriteLine($"{EndpointResolver.Describe(result.Source)} -> {EndpointResolver.Describe(result.Destination)} {port}: {VerdictWord(v)}");
        if (v.Unreachable is not null)
            writer.WriteLine($"  unreachable: {v.Unreachable}");
        if (v.Loopback)
        {
            writer.WriteLine("  a pod reaching its own IP is always allowed");
            return;
        }
        writer.WriteLine($"  egress at {v.From}: {Word(v.EgressAllowed)}");
        writer.WriteLine($"    {v.Egress}");
        writer.WriteLine($"  ingress at {v.To}: {Word(v.IngressAllowed)}");
        writer.WriteLine($"    {v.Ingress}");
    }

    private static void WriteTable(TextWriter writer, IReadOnlyList<ProbeResult> results)
    {
        var table = new TextTable("#", "FROM", "TO", "PORT", "VERDICT", "EGRESS", "INGRESS");
        foreach (var r in results)
            table.Add(r.Probe.Index.ToString(CultureInfo.InvariantCulture), r.Probe.FromText, r.Probe.ToText,
                $"{r.Probe.Port.ToString(CultureInfo.InvariantCulture)}/{r.Probe.Protocol}", VerdictWord(r.Verdict),
                Word(r.Verdict.EgressAllowed), Word(r.Verdict.IngressAllowed));
        table.Write(writer);
        foreach (var r in results)
        {
            writer.WriteLine();
            writer.Write($"[{r.Probe.Index.ToString(CultureInfo.InvariantCulture)}] ");
            WriteText(writer, r);
        }
    }

    private static void WriteCsv(TextWriter writer, IReadOnlyList<ProbeResult> results)
    {
        Csv.WriteRow(writer, "index", "from", "to", "port", "protocol", "allowed", "ingressAllowed", "egressAllowed", "loopback", "explanation");
        foreach (var r in results)
            Csv.WriteRow(writer, r.Probe.Index.ToString(CultureInfo.InvariantCulture), r.Probe.FromText, r.Probe.ToText,
                r.Probe.Port.ToString(CultureInfo.InvariantCulture), r.Probe.Protocol.ToString(),
                Csv.Bool(r.Verdict.Allowed), Csv.Bool(r.Verdict.IngressAllowed), Csv.Bool(r.Verdict.EgressAllowed),
                Csv.Bool(r.Verdict.Loopback), CliApp.OneLine(r.Verdict.Explanation));
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
