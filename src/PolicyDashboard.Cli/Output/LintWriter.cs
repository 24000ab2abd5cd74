using System.Text.Json.Nodes;
using PolicyDashboard.Core.Lint;

namespace PolicyDashboard.Cli.Output;

/// <summary>
/// Renders lint findings. JSON: <c>{"findings": [{"code", "severity", "message", "objects": [{"kind", "namespace",
/// "name"}], "field"}], "counts": {"error", "warning", "info"}, "failOn", "failed"}</c>.
/// </summary>
public static class LintWriter
{
    public static void Write(TextWriter writer, IReadOnlyList<LintFinding> findings, string format, LintSeverity threshold, bool failed)
    {
        if (format == OutputFormats.Json)
        {
            Json.Write(writer, ToJson(findings, threshold, failed));
            return;
        }

        if (findings.Count > 0)
        {
            var table = new TextTable("SEVERITY", "CODE", "OBJECT", "FIELD", "MESSAGE");
            foreach (var f in findings)
                table.Add(Name(f.Severity), f.Code, f.Objects.IsDefaultOrEmpty ? "-" : string.Join(", ", f.Objects), f.Field ?? "-", CliApp.OneLine(f.Message));
            table.Write(writer);
            writer.WriteLine();
        }
        writer.WriteLine($"{findings.Count} finding(s): {Count(findings, LintSeverity.Error)} error, {Count(findings, LintSeverity.Warning)} warning, " +
                         $"{Count(findings, LintSeverity.Info)} info; fail on {Name(threshold)}: {(failed ? "FAILED" : "passed")}");
    }

    public static JsonObject ToJson(IReadOnlyList<LintFinding> findings, LintSeverity threshold, bool failed) => new()
    {
        ["findings"] = new JsonArray([.. findings.Select(f => (JsonNode)new JsonObject
        {
            ["code"] = f.Code,
            ["severity"] = Name(f.Severity),
            ["message"] = f.Message,
            ["objects"] = new JsonArray([.. (f.Objects.IsDefault ? [] : f.Objects).Select(o => (JsonNode)new JsonObject
            {
                ["kind"] = o.Kind,
                ["namespace"] = o.Key.Namespace.Length == 0 ? null : o.Key.Namespace,
                ["name"] = o.Key.Name,
            })]),
            ["field"] = f.Field,
        })]),
        ["counts"] = new JsonObject
        {
            ["error"] = Count(findings, LintSeverity.Error),
            ["warning"] = Count(findings, LintSeverity.Warning),
            ["info"] = Count(findings, LintSeverity.Info),
        },
        ["failOn"] = Name(threshold),
        ["failed"] = failed,
    };

    private static int Count(IReadOnlyList<LintFinding> findings, LintSeverity severity) => findings.Count(f => f.Severity == severity);

    private static string Name(LintSeverity severity) => severity.ToString().ToLowerInvariant();
}
