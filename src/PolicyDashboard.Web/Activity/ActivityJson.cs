using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyDashboard.Web.Activity;

/// <summary>The JSON form of activity entries, stored and exported alike: camelCase, enums as strings, nulls omitted.</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
