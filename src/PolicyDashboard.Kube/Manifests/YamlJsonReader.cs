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
internal sealed class NodeDocument(JsonNode? root, SourcePosition start, Dictionary<JsonNode, SourcePosition> positions, Dictionary<(JsonNode, string), SourcePosition>? keys = null)
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
            var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Success ? m.Groups["quoted"].Value : null;
            if (m.Groups["index"].Success && node is JsonArray arr && int.TryParse(m.Groups["index"].Value, CultureInfo.InvariantCulture, out var i) && i < arr.Count)
                next = arr[i];
            else if (name is not null && node is JsonObject obj)
            {
                // A field is where its key is written (its value may start on the next line, or be null).
                if (m.NextMatch() is { Success: false } && keys is not null && keys.TryGetValue((obj, name), out var keyAt)) return keyAt;
                obj.TryGetPropertyValue(name, out next);
            }

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
    public static (List<NodeDocument> Documents, List<(SourcePosition Position, string Message)> Warnings, SourceSyntaxError? Error) ReadNodes(
        string text, string sourceName, ReadLimits? limits = null)
    {
        limits ??= ReadLimits.Lenient;
        var documents = new List<NodeDocument>();
        var warnings = new List<(SourcePosition, string)>();
        var trimmed = text.AsSpan().TrimStart();
        // Strict reading leaves JSON to the YAML reader, which finds duplicate keys (System.Text.Json keeps the last).
        if (!limits.Strict && trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            var error = ReadJson(text, documents);
            // JSON is a subset of YAML: outside *.json files, text that only looks like JSON (a YAML flow mapping with
            // unquoted keys, say) gets the YAML reader, and the JSON error is reported only if that fails too.
            if (error is null || sourceName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return (documents, warnings, error);
            documents.Clear();
            var (yamlDocs, yamlWarnings, yamlError) = ReadYaml(text, limits);
            return yamlError is null ? (yamlDocs, yamlWarnings, null) : (documents, warnings, error);
        }

        return ReadYaml(text, limits);
    }

    private static SourceSyntaxError? ReadJson(string text, List<NodeDocument> documents)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = ReadLimits.MaxDepth });
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

    /// <summary>What reading one text has built so far: anchors with their sizes, and the nodes aliases copied.</summary>
    private sealed class TreeState(ReadLimits limits, List<(SourcePosition, string)> warnings)
    {
        public ReadLimits Limits { get; } = limits;
        public List<(SourcePosition, string)> Warnings { get; } = warnings;
        public Dictionary<JsonNode, SourcePosition> Positions { get; set; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<(JsonNode, string), SourcePosition> Keys { get; set; } = new(KeyComparer.Instance);
        public Dictionary<string, (JsonNode? Node, long Size)> Anchors { get; } = new(StringComparer.Ordinal);
        /// <summary>Nodes built, copies included; the size of an anchored node is the difference across it.</summary>
        public long Nodes { get; set; }
        public long Copied { get; set; }
    }

    private static (List<NodeDocument>, List<(SourcePosition, string)>, SourceSyntaxError?) ReadYaml(string text, ReadLimits limits)
    {
        var documents = new List<NodeDocument>();
        var warnings = new List<(SourcePosition, string)>();
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var state = new TreeState(limits, warnings);
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var docStart))
            {
                state.Positions = new Dictionary<JsonNode, SourcePosition>(ReferenceEqualityComparer.Instance);
                state.Keys = new Dictionary<(JsonNode, string), SourcePosition>(KeyComparer.Instance);
                state.Anchors.Clear();
                var root = ReadNode(parser, state, 0);
                parser.Consume<DocumentEnd>();
                var start = root is not null && state.Positions.TryGetValue(root, out var p) ? p : Pos(docStart.Start);
                documents.Add(new NodeDocument(root, start, state.Positions, state.Keys));
            }

            parser.Consume<StreamEnd>();
            return (documents, warnings, null);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : ex.Message;
            return (documents, warnings, new SourceSyntaxError(ErrorPosition(ex, scanner), "invalid YAML: " + StripPosition(message)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (e.g. an unterminated flow collection).
            return (documents, warnings, new SourceSyntaxError(Pos(scanner.CurrentPosition), "invalid YAML: unexpected content or unterminated collection"));
        }
    }

    /// <summary>A key of an object: the object by reference, the name by value.</summary>
    private sealed class KeyComparer : IEqualityComparer<(JsonNode Node, string Name)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((JsonNode Node, string Name) x, (JsonNode Node, string Name) y) =>
            ReferenceEquals(x.Node, y.Node) && string.Equals(x.Name, y.Name, StringComparison.Ordinal);

        public int GetHashCode((JsonNode Node, string Name) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Node), StringComparer.Ordinal.GetHashCode(key.Name));
    }

    /// <summary>The error for a collection that opens deeper than <see cref="ReadLimits.MaxDepth"/>.</summary>
    internal static YamlException TooDeep(ParsingEvent collection) =>
        new(collection.Start, collection.End, $"nesting deeper than {ReadLimits.MaxDepth} levels is not accepted");

    /// <summary>The error for an alias whose copy would exceed the text's alias budget.</summary>
    internal static YamlException TooManyAliasNodes(AnchorAlias alias, ReadLimits limits) =>
        new(alias.Start, alias.End, $"alias *{alias.Value.Value} would copy more than {limits.MaxAliasNodes:N0} nodes in total: too much expansion (an alias bomb?)");

    /// <summary>The message for a key that a mapping already has.</summary>
    internal static string DuplicateKey(string key, SourcePosition first, ReadLimits limits) =>
        limits.Strict
            ? $"duplicate key \"{key}\": already set at line {first.Line}, column {first.Column}"
            : $"duplicate key '{key}': the last value is used";

    private static JsonNode? ReadNode(IParser parser, TreeState state, int depth)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
                throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}'");
            state.Copied += target.Size;
            if (state.Copied > state.Limits.MaxAliasNodes) throw TooManyAliasNodes(alias, state.Limits);
            state.Nodes += target.Size;
            return target.Node?.DeepClone();
        }

        var before = state.Nodes++;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var value = ResolveScalar(scalar);
            if (value is not null) state.Positions[value] = Pos(scalar.Start);
            Remember(scalar.Anchor, value);
            return value;
        }

        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            if (depth >= ReadLimits.MaxDepth) throw TooDeep(seqStart);
            var array = new JsonArray();
            state.Positions[array] = Pos(seqStart.Start);
            while (!parser.TryConsume<SequenceEnd>(out _))
                array.Add(ReadNode(parser, state, depth + 1));
            Remember(seqStart.Anchor, array);
            return array;
        }

        var mapStart = parser.Consume<MappingStart>();
        if (depth >= ReadLimits.MaxDepth) throw TooDeep(mapStart);
        var obj = new JsonObject();
        state.Positions[obj] = Pos(mapStart.Start);
        Dictionary<string, SourcePosition>? keys = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyStart = parser.Current?.Start ?? mapStart.Start;
            var keyNode = ReadNode(parser, state, depth + 1);
            var key = keyNode switch
            {
                null => "null",
                JsonValue v => v.ToString(),
                _ => throw new YamlException(keyStart, keyStart, "mapping keys must be scalars"),
            };
            var value = ReadNode(parser, state, depth + 1);
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

            keys ??= new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            if (!keys.TryAdd(key, Pos(keyStart)))
            {
                state.Warnings.Add((Pos(keyStart), DuplicateKey(key, keys[key], state.Limits)));
                obj.Remove(key);
            }
            else if (obj.ContainsKey(key))
            {
                obj.Remove(key); // set by a merge key: the mapping's own entry wins
            }

            obj[key] = value;
            state.Keys[(obj, key)] = Pos(keyStart);
        }

        Remember(mapStart.Anchor, obj);
        return obj;

        void Remember(YamlDotNet.Core.AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty) state.Anchors[anchor.Value] = (node, state.Nodes - before);
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
        {
            // JSON has no infinity: sigs.k8s.io/yaml fails the same way ("unsupported value: +Inf").
            if (!double.IsFinite(d)) throw new YamlException(scalar.Start, scalar.End, $"the number {text} is out of range");
            return JsonValue.Create(d);
        }
        return JsonValue.Create(text);
    }

    /// <summary>Where a YAML error is: some of YamlDotNet's scanner errors carry no position, and then the scanner is at it.</summary>
    internal static SourcePosition ErrorPosition(YamlException ex, Scanner scanner) =>
        Pos(ex.Start.Equals(Mark.Empty) && ex.End.Equals(Mark.Empty) ? scanner.CurrentPosition : ex.Start);

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
