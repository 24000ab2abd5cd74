using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// One YAML/JSON document as a read-only JSON element, with positions of its shallow nodes (the objects, and their
/// kind and apiVersion, also inside <c>items</c>). Positions of deeper fields are found on demand by re-reading the
/// text exactly, which only diagnostics need.
/// </summary>
internal sealed class SourceDocument(JsonElement? root, SourcePosition start, int index, Dictionary<string, SourcePosition> shallow, Lazy<List<NodeDocument>> exact)
{
    public JsonElement? Root { get; } = root;
    public SourcePosition Start { get; } = start;
    /// <summary>Positions of the shallow nodes by path (what <see cref="At"/> reads).</summary>
    public IReadOnlyDictionary<string, SourcePosition> ShallowPositions => shallow;

    /// <summary>Position of a node by its path from the document root ("" = the root, ".items[2].kind").</summary>
    public SourcePosition At(string path) =>
        shallow.TryGetValue(path, out var p) ? p : shallow.TryGetValue(ParentOf(path), out var parent) ? parent : Start;

    /// <summary>Position of a field inside the object at <paramref name="objectPath"/>, by a System.Text.Json path ("$.spec.ports[0]").</summary>
    public SourcePosition AtField(string objectPath, string? jsonPath)
    {
        var docs = exact.Value;
        if (index >= docs.Count || docs[index].Root is not { } root) return At(objectPath);
        var node = root;
        foreach (var (name, item) in Segments(objectPath))
        {
            JsonNode? next = name is not null ? (node as JsonObject)?[name] : node is JsonArray a && item < a.Count ? a[item] : null;
            if (next is null) return At(objectPath);
            node = next;
        }

        return docs[index].PositionOfPath(node, jsonPath);
    }

    private static string ParentOf(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static IEnumerable<(string? Name, int Index)> Segments(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                yield return (path[(i + 1)..end], 0);
                i = end;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return (null, int.Parse(path.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture));
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }
}

/// <summary>
/// The fast way from YAML to JSON: parser events are written straight to UTF-8 JSON (no intermediate tree), which
/// keeps manifests of a hundred thousand objects quick to load. Documents with anchors, aliases or merge keys take the
/// exact tree reader instead.
/// </summary>
internal static class ManifestReader
{
    private sealed class NeedsTreeReader : Exception;

    public static (List<SourceDocument> Documents, List<(SourcePosition Position, string Message)> Warnings, SourceSyntaxError? Error) Read(string text, string sourceName, bool allowBlockReader = true)
    {
        var exact = new Lazy<List<NodeDocument>>(() => YamlJsonReader.ReadNodes(text, sourceName).Documents);
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
        {
            try
            {
                var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                return ([new SourceDocument(doc.RootElement, new SourcePosition(1, 1), 0, [], exact)], [], null);
            }
            catch (JsonException) when (!sourceName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                // Not JSON after all: a YAML flow mapping, say. The YAML reader decides.
            }
            catch (JsonException)
            {
                return FromTree(YamlJsonReader.ReadNodes(text, sourceName), exact);
            }
        }

        if (allowBlockReader && BlockYamlReader.TryRead(text, exact) is { } block) return (block.Documents, block.Warnings, null);

        var documents = new List<SourceDocument>();
        var warnings = new List<(SourcePosition, string)>();
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var docStart))
            {
                var shallow = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
                var buffer = new ArrayBufferWriter<byte>();
                bool isNull;
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    isNull = Write(parser, writer, "", 0, shallow, warnings);
                }

                parser.Consume<DocumentEnd>();
                var start = shallow.TryGetValue("", out var p) ? p : YamlJsonReader.Pos(docStart.Start);
                JsonElement? root = isNull ? null : JsonDocument.Parse(buffer.WrittenMemory).RootElement;
                documents.Add(new SourceDocument(root, start, documents.Count, shallow, exact));
            }

            parser.Consume<StreamEnd>();
            return (documents, warnings, null);
        }
        catch (NeedsTreeReader)
        {
            return FromTree(YamlJsonReader.ReadNodes(text, sourceName), exact);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : ex.Message;
            return (documents, warnings, new SourceSyntaxError(YamlJsonReader.Pos(ex.Start), "invalid YAML: " + YamlJsonReader.StripPosition(message)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some malformed input (e.g. an unterminated flow collection).
            return (documents, warnings, new SourceSyntaxError(YamlJsonReader.Pos(scanner.CurrentPosition), "invalid YAML: unexpected content or unterminated collection"));
        }
    }

    private static (List<SourceDocument>, List<(SourcePosition, string)>, SourceSyntaxError?) FromTree(
        (List<NodeDocument> Documents, List<(SourcePosition, string)> Warnings, SourceSyntaxError? Error) tree, Lazy<List<NodeDocument>> exact)
    {
        var documents = tree.Documents.Select((d, i) =>
        {
            var shallow = new Dictionary<string, SourcePosition>(StringComparer.Ordinal) { [""] = d.Start };
            JsonElement? root = d.Root is null ? null : JsonSerializer.SerializeToElement(d.Root);
            if (d.Root is JsonObject obj)
            {
                Shallow(d, obj, "", shallow);
                if (obj["items"] is JsonArray items)
                    for (var k = 0; k < items.Count; k++)
                        if (items[k] is JsonObject item) Shallow(d, item, $".items[{k}]", shallow);
            }

            return new SourceDocument(root, d.Start, i, shallow, exact);
        }).ToList();
        return (documents, tree.Warnings, tree.Error);

        static void Shallow(NodeDocument d, JsonObject obj, string path, Dictionary<string, SourcePosition> shallow)
        {
            shallow[path] = d.PositionOf(obj);
            if (obj["kind"] is { } kind) shallow[path + ".kind"] = d.PositionOf(kind);
            if (obj["apiVersion"] is { } api) shallow[path + ".apiVersion"] = d.PositionOf(api);
        }
    }

    /// <summary>Writes a scalar typed as <see cref="YamlJsonReader.ResolveScalar"/> types it; true when it is null.</summary>
    internal static bool WriteScalar(Utf8JsonWriter writer, Scalar scalar)
    {
        var text = scalar.Value;
        // Most scalars are names and label values: quoted, or plain text that cannot be a number, bool or null.
        if (scalar.Style != ScalarStyle.Plain || (text.Length > 0 && char.IsLetter(text[0]) && text[0] is not ('t' or 'T' or 'f' or 'F' or 'n' or 'N')))
        {
            if (scalar.Style != ScalarStyle.Plain && !scalar.Tag.IsEmpty && scalar.Tag.Value != "tag:yaml.org,2002:str") { }
            else
            {
                writer.WriteStringValue(text);
                return false;
            }
        }

        var value = YamlJsonReader.ResolveScalar(scalar);
        if (value is null)
        {
            writer.WriteNullValue();
            return true;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String: writer.WriteStringValue(value.GetValue<string>()); break;
            case JsonValueKind.True: writer.WriteBooleanValue(true); break;
            case JsonValueKind.False: writer.WriteBooleanValue(false); break;
            default:
                if (value is JsonValue v && v.TryGetValue<long>(out var l)) writer.WriteNumberValue(l);
                else writer.WriteNumberValue(value.GetValue<double>());
                break;
        }

        return false;
    }

    /// <summary>Writes one node; returns true when it was a null scalar (an empty document).</summary>
    private static bool Write(IParser parser, Utf8JsonWriter writer, string? path, int depth, Dictionary<string, SourcePosition> shallow, List<(SourcePosition, string)> warnings)
    {
        if (parser.Accept<AnchorAlias>(out _)) throw new NeedsTreeReader();
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            if (!scalar.Anchor.IsEmpty) throw new NeedsTreeReader();
            if (path is not null) shallow[path] = YamlJsonReader.Pos(scalar.Start);
            return WriteScalar(writer, scalar);
        }

        // Paths are kept for the root, its fields, items[i] and their fields: where kind/apiVersion diagnostics point.
        var track = path is not null && depth < 3;
        if (parser.TryConsume<SequenceStart>(out var seq))
        {
            if (!seq.Anchor.IsEmpty) throw new NeedsTreeReader();
            if (path is not null) shallow[path] = YamlJsonReader.Pos(seq.Start);
            writer.WriteStartArray();
            var i = 0;
            while (!parser.TryConsume<SequenceEnd>(out _))
                Write(parser, writer, track ? $"{path}[{i++}]" : null, depth + 1, shallow, warnings);
            writer.WriteEndArray();
            return false;
        }

        var map = parser.Consume<MappingStart>();
        if (!map.Anchor.IsEmpty) throw new NeedsTreeReader();
        if (path is not null) shallow[path] = YamlJsonReader.Pos(map.Start);
        writer.WriteStartObject();
        HashSet<string>? seen = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var keyScalar))
            {
                var at = parser.Current?.Start ?? map.Start;
                if (parser.Accept<AnchorAlias>(out _)) throw new NeedsTreeReader();
                throw new YamlException(at, at, "mapping keys must be scalars");
            }

            if (!keyScalar.Anchor.IsEmpty) throw new NeedsTreeReader();
            var keyNode = YamlJsonReader.ResolveScalar(keyScalar);
            var key = keyNode is null ? "null" : keyNode.ToString();
            if (key == "<<" && keyScalar.Style == ScalarStyle.Plain) throw new NeedsTreeReader();
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(key)) warnings.Add((YamlJsonReader.Pos(keyScalar.Start), $"duplicate key '{key}': the last value is used"));
            writer.WritePropertyName(key);
            Write(parser, writer, track ? $"{path}.{key}" : null, depth + 1, shallow, warnings);
        }

        writer.WriteEndObject();
        return false;
    }
}
