using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>A position in a source text, 1-based.</summary>
public readonly record struct SourcePosition(int Line, int Column);

/// <summary>One YAML/JSON document as a mutable JSON tree, with where each node was written (the slow, exact path).</summary>
internal sealed class NodeDocument(JsonNode? root, SourcePosition start, Dictionary<JsonNode, SourcePosition> positions)
{
    public JsonNode? Root { get; } = root;
    public SourcePosition Start { get; } = start;

    public SourcePosition PositionOf(JsonNode? node) =>
        node is not null && positions.TryGetValue(node, out var p) ? p : Start;

    /// <summary>The position of the deepest node a System.Text.Json path ("$.spec.ports[0].port") reaches under <paramref name="from"/>.</summary>
    public SourcePosition PositionOfPath(JsonNode from, string? path)
    {
        var node = from;
        if (string.IsNullOrEmpty(path)) return PositionOf(node);
        foreach (Match m in PathSegment().Matches(path))
        {
            JsonNode? next = null;
            if (m.Groups["index"].Success && node is JsonArray arr && int.TryParse(m.Groups["index"].Value, CultureInfo.InvariantCulture, out var i) && i < arr.Count)
                next = arr[i];
            else if (m.Groups["name"].Success && node is JsonObject obj)
                obj.TryGetPropertyValue(m.Groups["name"].Value, out next);
            else if (m.Groups["quoted"].Success && node is JsonObject qobj)
                qobj.TryGetPropertyValue(m.Groups["quoted"].Value, out next);
            if (next is null) break;
            node = next;
        }

        return PositionOf(node);
    }

    private static Regex PathSegment() => PathRegex;

    private static readonly Regex PathRegex = new(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]", RegexOptions.Compiled);
}

/// <summary>The reason reading stopped: malformed YAML or JSON at a position.</summary>
internal sealed record SourceSyntaxError(SourcePosition Position, string Message);

/// <summary>
/// Reads YAML (multi-document) or JSON text into JSON trees. Plain YAML scalars are typed as the YAML core schema
/// resolves them (null, booleans, integers, floats); quoted and block scalars are strings — the same tree
/// sigs.k8s.io/yaml hands to the API machinery.
/// </summary>
internal static class YamlJsonReader
{
    public static (List<NodeDocument> Documents, List<(SourcePosition Position, string Message)> Warnings, SourceSyntaxError? Error) ReadNodes(string text, string sourceName)
    {
        var documents = new List<NodeDocument>();
        var warnings = new List<(SourcePosition, string)>();
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            var error = ReadJson(text, documents);
            // JSON is a subset of YAML: outside *.json files, text that only looks like JSON (a YAML flow mapping with
            // unquoted keys, say) gets the YAML reader, and the JSON error is reported only if that fails too.
            if (error is null || sourceName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return (documents, warnings, error);
            documents.Clear();
            var (yamlDocs, yamlWarnings, yamlError) = ReadYaml(text);
            return yamlError is null ? (yamlDocs, yamlWarnings, null) : (documents, warnings, error);
        }

        return ReadYaml(text);
    }

    private static SourceSyntaxError? ReadJson(string text, List<NodeDocument> documents)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            documents.Add(new NodeDocument(node, new SourcePosition(1, 1), new Dictionary<JsonNode, SourcePosition>(ReferenceEqualityComparer.Instance)));
            return null;
        }
        catch (JsonException ex)
        {
            // JsonException positions are 0-based.
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            return new SourceSyntaxError(new SourcePosition(line, column), "invalid JSON: " + FirstSentence(ex.Message));
        }
    }

    private static (List<NodeDocument>, List<(SourcePosition, string)>, SourceSyntaxError?) ReadYaml(string text)
    {
        var documents = new List<NodeDocument>();
        var warnings = new List<(SourcePosition, string)>();
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var docStart))
            {
                var positions = new Dictionary<JsonNode, SourcePosition>(ReferenceEqualityComparer.Instance);
                var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                var root = ReadNode(parser, positions, anchors, warnings);
                parser.Consume<DocumentEnd>();
                var start = root is not null && positions.TryGetValue(root, out var p) ? p : Pos(docStart.Start);
                documents.Add(new NodeDocument(root, start, positions));
            }

            parser.Consume<StreamEnd>();
            return (documents, warnings, null);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : ex.Message;
            return (documents, warnings, new SourceSyntaxError(Pos(ex.Start), "invalid YAML: " + StripPosition(message)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (e.g. an unterminated flow collection).
            return (documents, warnings, new SourceSyntaxError(Pos(scanner.CurrentPosition), "invalid YAML: unexpected content or unterminated collection"));
        }
    }

    private static JsonNode? ReadNode(IParser parser, Dictionary<JsonNode, SourcePosition> positions, Dictionary<string, JsonNode?> anchors, List<(SourcePosition, string)> warnings)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}'");
            return target?.DeepClone();
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ResolveScalar(scalar);
            if (value is not null) positions[value] = Pos(scalar.Start);
            Remember(scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var array = new JsonArray();
            positions[array] = Pos(seqStart.Start);
            while (!parser.TryConsume<SequenceEnd>(out _))
                array.Add(ReadNode(parser, positions, anchors, warnings));
            Remember(seqStart.Anchor, array);
            return array;
        }

        var mapStart = parser.Consume<MappingStart>();
        var obj = new JsonObject();
        positions[obj] = Pos(mapStart.Start);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current?.Start ?? mapStart.Start;
            var keyNode = ReadNode(parser, positions, anchors, warnings);
            var key = keyNode switch
            {
                null => "null",
                JsonValue v => v.ToString(),
                _ => throw new YamlException(keyStart, keyStart, "mapping keys must be scalars"),
            };
            var value = ReadNode(parser, positions, anchors, warnings);
            if (key == "<<" && keyNode is JsonValue { } mergeKey && mergeKey.GetValueKind() == JsonValueKind.String)
            {
                // YAML merge key: entries of the merged mapping(s) that the mapping does not set itself.
                foreach (var source in value is JsonArray list ? list.OfType<JsonObject>() : value is JsonObject single ? [single] : [])
                {
                    foreach (var (k, v) in source)
                        if (!obj.ContainsKey(k)) obj[k] = v?.DeepClone();
                }

                continue;
            }

            if (obj.ContainsKey(key))
            {
                warnings.Add((Pos(keyStart), $"duplicate key '{key}': the last value is used"));
                obj.Remove(key);
            }

            obj[key] = value;
        }

        Remember(mapStart.Anchor, obj);
        return obj;

        void Remember(YamlDotNet.Core.AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty) anchors[anchor.Value] = node;
        }
    }

    private static readonly Regex IntPattern = new(@"^[-+]?[0-9]+$", RegexOptions.Compiled);
    private static readonly Regex FloatPattern = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.Compiled);

    internal static JsonNode? ResolveScalar(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || scalar.Style is not ScalarStyle.Plain && tag is null)
            return JsonValue.Create(text);
        if (tag is "tag:yaml.org,2002:null") return null;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }

        if (IntPattern.IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            try { return JsonValue.Create(System.Convert.ToInt64(text[2..], 8)); }
            catch (FormatException) { }
        }

        if (FloatPattern.IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    internal static SourcePosition Pos(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    internal static string StripPosition(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the diagnostic carries the position itself.
        var idx = message.LastIndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && idx >= 0 ? message[(idx + 3)..] : message;
    }

    private static string FirstSentence(string message)
    {
        var idx = message.IndexOf(" Path:", StringComparison.Ordinal);
        return idx > 0 ? message[..idx] : message;
    }
}
