using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace PolicyDashboard.Cli.Output;

/// <summary>
/// Writes Kubernetes objects (JSON as the API carries them) as one multi-document YAML manifest. Values keep their
/// JSON kind: numbers stay numbers and strings that look like numbers or booleans are quoted, so the manifest reads
/// back to the same objects.
/// </summary>
public static class ManifestYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static void Write(TextWriter writer, IEnumerable<JsonObject> objects)
    {
        foreach (var obj in objects)
        {
            writer.Write("---\n");
            // YamlDotNet ends lines with the writer's NewLine; a fixed "\n" keeps the bytes the same on every OS.
            writer.Write(Serializer.Serialize(Plain(obj)).ReplaceLineEndings("\n"));
        }
    }

    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    private static object Number(string raw) =>
        long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l
        : decimal.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
}
