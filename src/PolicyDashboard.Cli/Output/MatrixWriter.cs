using PolicyDashboard.Core.Export;
using System.Globalization;
using System.Text.Json;
using PolicyDashboard.Cli.Analysis;

namespace PolicyDashboard.Cli.Output;

/// <summary>
/// Renders the reachability matrix (analyze without --probes) in the four output formats. Pairs are always
/// ordered pairs of distinct pods; pods are listed in namespace, then name order.
/// </summary>
public static class MatrixWriter
{
    public static void Write(TextWriter writer, MatrixResult matrix, string format)
    {
        switch (format)
        {
            case OutputFormats.Table: WriteTable(writer, matrix); break;
            case OutputFormats.Json: WriteJson(writer, matrix); break;
            case OutputFormats.Csv: WriteCsv(writer, matrix); break;
            case OutputFormats.Summary: WriteSummary(writer, matrix); break;
            default: throw new CliException($"unknown output format '{format}'");
        }
    }

    public static long TotalPairs(int pods) => (long)pods * Math.Max(0, pods - 1);

    /// <summary>
    /// Per port, one row per (source workload, destination workload) group: how many of the group's ordered pod
    /// pairs are allowed. A workload is the pod's owner (e.g. Deployment/frontend) or the pod itself.
    /// </summary>
    public static void WriteTable(TextWriter writer, MatrixResult matrix)
    {
        var groups = matrix.Pods
            .Select((pod, index) => (pod, index))
            .GroupBy(p => (p.pod.Namespace, p.pod.Workload))
            .OrderBy(g => g.Key.Namespace, StringComparer.Ordinal).ThenBy(g => g.Key.Workload, StringComparer.Ordinal)
            .Select(g => (Label: $"{g.Key.Namespace}/{g.Key.Workload}", Indices: g.Select(p => p.index).ToArray()))
            .ToArray();

        if (matrix.Ports.Count == 0)
        {
            writer.WriteLine($"{matrix.Pods.Count} pods; no ports to analyze (no container ports, no policy ports, no --port).");
            return;
        }

        var first = true;
        foreach (var port in matrix.Ports)
        {
            if (!first) writer.WriteLine();
            first = false;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{port.Port}: {port.AllowedPairs} of {TotalPairs(matrix.Pods.Count)} ordered pod pairs allowed ({matrix.Pods.Count} pods, {port.ServingPods} serving)"));

            var table = new TextTable("FROM", "TO", "ALLOWED", "PAIRS");
            foreach (var source in groups)
            foreach (var destination in groups)
            {
                long allowed = 0, total = 0;
                foreach (var s in source.Indices)
                foreach (var d in destination.Indices)
                {
                    if (s == d) continue;
                    total++;
                    if (port.Get(s, d).Allowed) allowed++;
                }
                if (total == 0) continue;
                var verdict = allowed == total ? "all" : allowed == 0 ? "none" : "some";
                table.Add(source.Label, destination.Label, verdict, string.Create(CultureInfo.InvariantCulture, $"{allowed}/{total}"));
            }
            table.Write(writer, "  ");
        }
    }

    public static void WriteJson(TextWriter writer, MatrixResult matrix)
    {
        Json.Stream(writer, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("pods");
            foreach (var pod in matrix.Pods)
            {
                json.WriteStartObject();
                json.WriteString("pod", pod.Id);
                json.WriteString("namespace", pod.Namespace);
                json.WriteString("name", pod.Name);
                json.WriteString("workload", pod.Workload);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("ports");
            foreach (var port in matrix.Ports)
            {
                json.WriteStartObject();
                WritePortCounts(json, port, matrix.Pods.Count);
                json.WriteStartArray("pairs");
                for (var s = 0; s < matrix.Pods.Count; s++)
                for (var d = 0; d < matrix.Pods.Count; d++)
                {
                    if (s == d) continue;
                    var verdict = port.Get(s, d);
                    json.WriteStartObject();
                    json.WriteString("from", matrix.Pods[s].Id);
                    json.WriteString("to", matrix.Pods[d].Id);
                    json.WriteBoolean("allowed", verdict.Allowed);
                    json.WriteBoolean("ingressAllowed", verdict.IngressAllowed);
                    json.WriteBoolean("egressAllowed", verdict.EgressAllowed);
                    json.WriteBoolean("loopback", verdict.Loopback);
                    json.WriteEndObject();
                    if (json.BytesPending > Json.FlushThreshold) json.Flush();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    public static void WriteCsv(TextWriter writer, MatrixResult matrix)
    {
        Csv.WriteRow(writer, "port", "protocol", "from", "to", "allowed", "ingressAllowed", "egressAllowed", "loopback");
        foreach (var port in matrix.Ports)
        {
            var number = port.Port.Port.ToString(CultureInfo.InvariantCulture);
            var protocol = port.Port.Protocol.ToString();
            for (var s = 0; s < matrix.Pods.Count; s++)
            for (var d = 0; d < matrix.Pods.Count; d++)
            {
                if (s == d) continue;
                var verdict = port.Get(s, d);
                Csv.WriteRow(writer, number, protocol, matrix.Pods[s].Id, matrix.Pods[d].Id,
                    Csv.Bool(verdict.Allowed), Csv.Bool(verdict.IngressAllowed), Csv.Bool(verdict.EgressAllowed), Csv.Bool(verdict.Loopback));
            }
        }
    }

    /// <summary>
    /// <c>{"pods": N, "ports": [{"port", "protocol", "pods", "servingPods", "pairs", "allowedPairs", "deniedPairs"}]}</c>.
    /// </summary>
    public static void WriteSummary(TextWriter writer, MatrixResult matrix)
    {
        Json.Stream(writer, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("pods", matrix.Pods.Count);
            json.WriteStartArray("ports");
            foreach (var port in matrix.Ports)
            {
                json.WriteStartObject();
                WritePortCounts(json, port, matrix.Pods.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WritePortCounts(Utf8JsonWriter json, IPortMatrix port, int pods)
    {
        var total = TotalPairs(pods);
        json.WriteNumber("port", port.Port.Port);
        json.WriteString("protocol", port.Port.Protocol.ToString());
        json.WriteNumber("pods", pods);
        json.WriteNumber("servingPods", port.ServingPods);
        json.WriteNumber("totalPairs", total);
        json.WriteNumber("allowedPairs", port.AllowedPairs);
        json.WriteNumber("deniedPairs", total - port.AllowedPairs);
    }
}
