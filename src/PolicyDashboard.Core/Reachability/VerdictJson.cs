using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyDashboard.Core.Reachability;

/// <summary>The one JSON form of verdicts (camelCase, enums as strings, nulls omitted) for the CLI and the HTTP API.</summary>
public static class VerdictJson
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);
    public static readonly JsonSerializerOptions IndentedOptions = Create(indented: true);

    public static string Serialize(Verdict verdict, bool indented = false) =>
        JsonSerializer.Serialize(verdict, indented ? IndentedOptions : Options);

    public static string Serialize(IEnumerable<Verdict> verdicts, bool indented = false) =>
        JsonSerializer.Serialize(verdicts, indented ? IndentedOptions : Options);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
