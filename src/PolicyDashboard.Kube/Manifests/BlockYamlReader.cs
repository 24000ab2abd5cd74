using System.Buffers;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// A reader for the plain block YAML that tools write and most people type: documents separated by <c>---</c>,
/// block mappings and sequences indented with spaces, and one-line scalars (plain, or quoted without escapes),
/// with comments, and the empty flow collections <c>{}</c> and <c>[]</c>. It produces exactly what <see cref="ManifestReader"/>'s YamlDotNet path produces — the same
/// JSON, the same positions of shallow nodes, the same duplicate-key warnings — several times faster. Anything
/// else (flow collections, block scalars, multi-line scalars, anchors, tags, directives, tabs, escapes, empty
/// values or documents, and any error) makes it give up on the whole text, and the YamlDotNet path decides.
/// </summary>
internal sealed class BlockYamlReader
{
    private sealed class Unsupported : Exception;

    private readonly string _text;
    private readonly List<Line> _lines = [];
    private readonly List<(SourcePosition, string)> _warnings = [];
    private Dictionary<string, SourcePosition> _shallow = [];
    private Utf8JsonWriter _writer = null!;
    private int _next;
    private int _end;

    private BlockYamlReader(string text) => _text = text;

    /// <summary>One content line: where its content starts and ends (trailing spaces and comment removed).</summary>
    private readonly record struct Line(int Number, int LineStart, int Indent, int End)
    {
        public int ContentStart => LineStart + Indent;
    }

    /// <summary>The documents of <paramref name="text"/>, or null when the text needs the full YAML reader.</summary>
    public static (List<SourceDocument> Documents, List<(SourcePosition, string)> Warnings)? TryRead(string text, Lazy<List<NodeDocument>> exact)
    {
        var reader = new BlockYamlReader(text);
        try
        {
            return (reader.ReadAll(exact), reader._warnings);
        }
        catch (Unsupported)
        {
            return null;
        }
    }

    private List<SourceDocument> ReadAll(Lazy<List<NodeDocument>> exact)
    {
        var documents = new List<SourceDocument>();
        var separators = SplitLines();
        // separators[k] is the index in _lines where document k starts; the last entry closes the last document.
        for (var d = 0; d + 1 < separators.Count; d++)
        {
            var (from, to) = (separators[d], separators[d + 1]);
            if (from == to) throw new Unsupported(); // an empty document: YamlDotNet places its null scalar
            _shallow = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
            var buffer = new ArrayBufferWriter<byte>();
            using (_writer = new Utf8JsonWriter(buffer))
            {
                _next = from;
                _end = to;
                if (_lines[from].Indent != 0) throw new Unsupported();
                Node(_lines[from].Indent, "", 0);
                if (_next != to) throw new Unsupported();
            }
            var root = JsonDocument.Parse(buffer.WrittenMemory).RootElement;
            documents.Add(new SourceDocument(root, _shallow[""], documents.Count, _shallow, exact));
        }
        return documents;
    }

    /// <summary>Collects content lines; returns where each document starts in them, plus the end.</summary>
    private List<int> SplitLines()
    {
        var starts = new List<int>();
        var text = _text;
        if (text.Length > 0 && text[0] == '\uFEFF') throw new Unsupported();
        var pos = 0;
        var number = 0;
        var sawContent = false;
        var explicitStart = false;
        while (pos < text.Length)
        {
            number++;
            var eol = text.IndexOf('\n', pos);
            var lineEnd = eol < 0 ? text.Length : eol;
            var end = lineEnd;
            if (end > pos && text[end - 1] == '\r') end--;
            var span = text.AsSpan(pos, end - pos);
            if (span.Contains('\t') || span.Contains('\r')) throw new Unsupported();
            if (span.StartsWith("---") && (span.Length == 3 || span[3] == ' '))
            {
                if (!span[3..].IsWhiteSpace()) throw new Unsupported(); // content after the marker
                if (sawContent || explicitStart) starts.Add(_lines.Count);
                else starts.Add(0);
                explicitStart = true;
                sawContent = false;
            }
            else if (span.StartsWith("...") || span.StartsWith("%")) throw new Unsupported();
            else
            {
                var indent = 0;
                while (indent < span.Length && span[indent] == ' ') indent++;
                var contentEnd = span.Length;
                while (contentEnd > indent && span[contentEnd - 1] == ' ') contentEnd--;
                if (contentEnd > indent && span[indent] != '#')
                {
                    if (!sawContent && !explicitStart) starts.Add(_lines.Count);
                    _lines.Add(new Line(number, pos, indent, pos + contentEnd));
                    sawContent = true;
                }
            }
            pos = eol < 0 ? text.Length : eol + 1;
        }
        if (starts.Count == 0) throw new Unsupported();
        starts.Add(_lines.Count); // a marker right after another, or at the very end, leaves an empty document
        return starts;
    }

    private static bool IsDash(ReadOnlySpan<char> content) => content.Length > 0 && content[0] == '-' && (content.Length == 1 || content[1] == ' ');

    private ReadOnlySpan<char> Content(Line line, int from) => _text.AsSpan(from, line.End - from);

    /// <summary>The block node starting at the current line, whose indentation is <paramref name="indent"/>.</summary>
    private void Node(int indent, string? path, int depth)
    {
        var line = _lines[_next];
        if (line.Indent != indent) throw new Unsupported();
        if (IsDash(Content(line, line.ContentStart))) Sequence(indent, path, depth);
        else Mapping(indent, line.ContentStart, path, depth);
    }

    private void Sequence(int indent, string? path, int depth)
    {
        var first = _lines[_next];
        if (path is not null) _shallow[path] = At(first, first.ContentStart);
        var track = path is not null && depth < 3;
        _writer.WriteStartArray();
        var i = 0;
        while (_next < _end && _lines[_next].Indent == indent && IsDash(Content(_lines[_next], _lines[_next].ContentStart)))
        {
            var line = _lines[_next];
            var itemPath = track ? $"{path}[{i++}]" : null;
            var at = line.ContentStart + 1;
            while (at < line.End && _text[at] == ' ') at++;
            if (at >= line.End)
            {
                // "-" alone: the item is the block below, indented further.
                _next++;
                if (_next >= _end || _lines[_next].Indent <= indent) throw new Unsupported();
                Node(_lines[_next].Indent, itemPath, depth + 1);
                continue;
            }
            var rest = Content(line, at);
            if (IsDash(rest)) throw new Unsupported(); // "- - x"
            if (KeyEnd(rest) >= 0) Mapping(at - line.LineStart, at, itemPath, depth + 1);
            else
            {
                InlineScalar(line, at, itemPath);
                _next++;
                if (_next < _end && _lines[_next].Indent > indent) throw new Unsupported(); // a continuation line
            }
        }
        _writer.WriteEndArray();
    }

    /// <summary>
    /// A block mapping whose keys sit at column <paramref name="indent"/>; the first key starts at
    /// <paramref name="firstAt"/> on the current line (after "- " for a mapping inside a sequence item).
    /// </summary>
    private void Mapping(int indent, int firstAt, string? path, int depth)
    {
        var track = path is not null && depth < 3;
        _writer.WriteStartObject();
        HashSet<string>? seen = null;
        var at = firstAt;
        var firstKey = true;
        while (true)
        {
            var line = _lines[_next];
            var content = Content(line, at);
            var keyEnd = KeyEnd(content);
            if (keyEnd < 0) throw new Unsupported();
            var key = Key(line, at, content[..keyEnd]);
            if (firstKey && path is not null) _shallow[path] = At(line, at);
            firstKey = false;
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(key)) _warnings.Add((At(line, at), $"duplicate key '{key}': the last value is used"));
            _writer.WritePropertyName(key);
            var valuePath = track ? $"{path}.{key}" : null;

            var valueAt = at + keyEnd + 1;
            while (valueAt < line.End && _text[valueAt] == ' ') valueAt++;
            if (valueAt >= line.End || _text[valueAt] == '#')
            {
                if (valueAt < line.End && _text[valueAt - 1] != ' ') throw new Unsupported();
                _next++;
                if (_next >= _end) throw new Unsupported(); // an empty value
                var below = _lines[_next];
                if (below.Indent > indent) Node(below.Indent, valuePath, depth + 1);
                else if (below.Indent == indent && IsDash(Content(below, below.ContentStart))) Sequence(indent, valuePath, depth + 1);
                else throw new Unsupported(); // an empty value
            }
            else
            {
                InlineScalar(line, valueAt, valuePath);
                _next++;
                if (_next < _end && _lines[_next].Indent > indent) throw new Unsupported(); // a continuation line
            }

            if (_next >= _end) break;
            var nextLine = _lines[_next];
            if (nextLine.Indent < indent) break;
            if (nextLine.Indent > indent || IsDash(Content(nextLine, nextLine.ContentStart))) throw new Unsupported();
            at = nextLine.ContentStart;
        }
        _writer.WriteEndObject();
    }

    /// <summary>Where the key of a "key: value" entry ends (the colon), or -1 when the content is not one.</summary>
    private static int KeyEnd(ReadOnlySpan<char> content)
    {
        if (content.Length == 0) return -1;
        if (content[0] is '"' or '\'')
        {
            var colon = QuotedLength(content);
            return colon > 0 && colon < content.Length && content[colon] == ':' && (colon + 1 == content.Length || content[colon + 1] == ' ') ? colon : -1;
        }
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' ')) return i;
            if (content[i] == '#' && i > 0 && content[i - 1] == ' ') return -1;
        }
        return -1;
    }

    /// <summary>A key as the YamlDotNet path names the property: the scalar resolved as a value would be, then as text.</summary>
    private string Key(Line line, int at, ReadOnlySpan<char> key)
    {
        if (key[0] is '"' or '\'') return Unquote(line, at, key.Length);
        var trimmed = key.TrimEnd(' ');
        if (!PlainStart(trimmed)) throw new Unsupported();
        if (IsPlainText(trimmed)) return trimmed.ToString();
        var node = YamlJsonReader.ResolveScalar(Plain(line, at, trimmed.ToString()));
        var text = node is null ? "null" : node.ToString();
        if (text == "<<") throw new Unsupported(); // a merge key
        return text;
    }

    /// <summary>
    /// A plain scalar that can only be a string: it starts with a letter that begins no null, bool or number
    /// (the same shortcut <see cref="ManifestReader.WriteScalar"/> takes).
    /// </summary>
    private static bool IsPlainText(ReadOnlySpan<char> value) =>
        char.IsLetter(value[0]) && value[0] is not ('t' or 'T' or 'f' or 'F' or 'n' or 'N');

    /// <summary>A scalar that runs to the end of the line (or to a comment).</summary>
    private void InlineScalar(Line line, int at, string? path)
    {
        var content = Content(line, at);
        // "{}" and "[]": the empty flow collections tools write for empty objects and lists.
        if (content.Length >= 2 && content[..2] is "{}" or "[]")
        {
            var rest = content[2..];
            if (rest.Length > 0 && !(rest[0] == ' ' && rest.TrimStart(' ') is [] or ['#', ..])) throw new Unsupported();
            if (path is not null) _shallow[path] = At(line, at);
            if (content[0] == '{') { _writer.WriteStartObject(); _writer.WriteEndObject(); }
            else { _writer.WriteStartArray(); _writer.WriteEndArray(); }
            return;
        }
        if (content[0] is '"' or '\'')
        {
            var length = QuotedLength(content);
            if (length < 0) throw new Unsupported(); // runs on to the next line, or has escapes
            var after = content[length..];
            var trimmed = after.TrimStart(' ');
            if (trimmed.Length > 0 && (trimmed[0] != '#' || trimmed.Length == after.Length)) throw new Unsupported();
            if (path is not null) _shallow[path] = At(line, at);
            _writer.WriteStringValue(Unquote(line, at, length));
            return;
        }
        var comment = content.IndexOf(" #");
        var value = (comment >= 0 ? content[..comment] : content).TrimEnd(' ');
        if (!PlainStart(value) || value.IndexOf(": ") >= 0 || value[^1] == ':') throw new Unsupported();
        if (path is not null) _shallow[path] = At(line, at);
        if (IsPlainText(value)) _writer.WriteStringValue(value);
        else ManifestReader.WriteScalar(_writer, Plain(line, at, value.ToString()));
    }

    /// <summary>
    /// Plain scalars here start with a character that cannot start anything else: no indicator (YAML 1.2 §7.3.3),
    /// except "-" followed by something other than a space.
    /// </summary>
    private static bool PlainStart(ReadOnlySpan<char> value)
    {
        if (value.Length == 0) return false;
        return value[0] switch
        {
            '-' => value.Length > 1 && value[1] != ' ', // a lone "-" is a sequence entry
            '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' => false,
            _ => true,
        };
    }

    private Scalar Plain(Line line, int at, string value) =>
        new(AnchorName.Empty, TagName.Empty, value, ScalarStyle.Plain, true, false, Mark(line, at), Mark(line, at + value.Length));

    /// <summary>
    /// The length, quotes included, of the quoted scalar <paramref name="content"/> starts with; -1 when it does not
    /// end on this line or uses escapes (double quotes), which are left to YamlDotNet.
    /// </summary>
    private static int QuotedLength(ReadOnlySpan<char> content)
    {
        var quote = content[0];
        for (var i = 1; i < content.Length; i++)
        {
            if (quote == '"' && content[i] == '\\') return -1;
            if (content[i] != quote) continue;
            if (quote == '\'' && i + 1 < content.Length && content[i + 1] == '\'') { i++; continue; }
            return i + 1;
        }
        return -1;
    }

    /// <summary>The text of the quoted scalar of <paramref name="length"/> characters (quotes included) at <paramref name="at"/>.</summary>
    private string Unquote(Line line, int at, int length)
    {
        var inner = _text.AsSpan(at + 1, length - 2);
        return _text[at] == '\'' ? inner.ToString().Replace("''", "'", StringComparison.Ordinal) : inner.ToString();
    }

    private static Mark Mark(Line line, int at) => new(at, line.Number, at - line.LineStart + 1);

    private static SourcePosition At(Line line, int at) => new(line.Number, at - line.LineStart + 1);
}
