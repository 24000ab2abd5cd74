using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// Reads request bodies and the embedded scenario: JSON, or YAML converted to JSON nodes with YAML 1.2 core-schema
/// typing of plain scalars (quoted scalars stay strings, so <c>"80"</c> remains a string as the API expects).
/// </summary>
internal static partial class YamlJson
{
    public static JsonObject ParseObject(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw ApiError.BadRequest("the request body must be a JSON object");
            }
            catch (JsonException ex)
            {
                throw ApiError.BadRequest($"error decoding request body: {ex.Message}");
            }
        }
        var docs = ParseAll(text);
        if (docs.Count != 1) throw ApiError.BadRequest("the request body must hold exactly one object");
        return docs[0];
    }

    public static List<JsonObject> ParseAll(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw ApiError.BadRequest($"error converting YAML to JSON: {ex.Message}");
        }
        var result = new List<JsonObject>();
        foreach (var doc in stream.Documents)
        {
            if (Convert(doc.RootNode) is JsonObject o) result.Add(o);
            else if (doc.RootNode is not YamlScalarNode) throw ApiError.BadRequest("a YAML document must be a mapping");
        }
        return result;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMap(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode s => Scalar(s),
        _ => throw ApiError.BadRequest("unsupported YAML node"),
    };

    private static JsonObject ConvertMap(YamlMappingNode map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? throw ApiError.BadRequest("YAML mapping keys must be scalars");
            o[key] = Convert(v);
        }
        return o;
    }

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        var v = s.Value ?? "";
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        // Numbers and booleans are parsed as JSON text so they read back as any numeric type, as request JSON does.
        if (v is "true" or "True" or "TRUE") return JsonNode.Parse("true");
        if (v is "false" or "False" or "FALSE") return JsonNode.Parse("false");
        if (IntPattern().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonNode.Parse(l.ToString(CultureInfo.InvariantCulture));
        if (FloatPattern().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(v);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
