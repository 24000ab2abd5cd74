using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Core.Diff;

namespace PolicyDashboard.Cli.Output;

/// <summary>
/// Renders a semantic diff. JSON: <c>{"newlyAllowed": [entry], "newlyDenied": [entry], "newlyAllowedPairs",
/// "newlyDeniedPairs", "connectionsCompared"}</c>, each entry <c>{"from", "to", "port", "protocol", "podPairs",
/// "example": {"from", "to"}}</c> where from/to are workloads (<c>namespace/Kind/name</c>) and the example a pod pair.
/// </summary>
public static class DiffWriter
{
    public static void Write(TextWriter writer, ReachabilityDiff diff, string format)
    {
        if (format == OutputFormats.Json)
        {
            Json.Write(writer, ToJson(diff));
            return;
        }

        if (diff.IsEmpty)
        {
            writer.WriteLine("No connection changes.");
            return;
        }
        var table = new TextTable("CHANGE", "FROM", "TO", "PORT", "POD PAIRS");
        foreach (var e in diff.Entries)
            table.Add(e.Change == ConnectionChange.Allowed ? "+ allowed" : "- denied", e.Source.ToString(), e.Destination.ToString(),
                $"{e.Port.ToString(CultureInfo.InvariantCulture)}/{e.Protocol}", e.PodPairs.ToString(CultureInfo.InvariantCulture));
        table.Write(writer);
        writer.WriteLine();
        writer.WriteLine($"{diff.NewlyAllowedPairs} pod pair connection(s) newly allowed, {diff.NewlyDeniedPairs} newly denied.");
    }

    public static JsonObject ToJson(ReachabilityDiff diff) => new()
    {
        ["newlyAllowed"] = Entries(diff.NewlyAllowed),
        ["newlyDenied"] = Entries(diff.NewlyDenied),
        ["newlyAllowedPairs"] = diff.NewlyAllowedPairs,
        ["newlyDeniedPairs"] = diff.NewlyDeniedPairs,
        ["connectionsCompared"] = diff.ConnectionsCompared,
    };

    private static JsonArray Entries(IEnumerable<ReachabilityDiffEntry> entries) =>
        new([.. entries.Select(e => (JsonNode)new JsonObject
        {
            ["from"] = e.Source.ToString(),
            ["to"] = e.Destination.ToString(),
            ["port"] = e.Port,
            ["protocol"] = e.Protocol.ToString(),
            ["podPairs"] = e.PodPairs,
            ["example"] = new JsonObject
            {
                ["from"] = e.ExampleSource.ToString(),
                ["to"] = e.ExampleDestination.ToString(),
            },
        })]);
}
