using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>labelSelector and fieldSelector of list and watch requests.</summary>
internal sealed class ObjectFilter
{
    private readonly CompiledSelector? _labels;
    private readonly List<(string Path, bool Equal, string Value)> _fields = [];

    private ObjectFilter(CompiledSelector? labels) => _labels = labels;

    public static ObjectFilter Parse(string? labelSelector, string? fieldSelector)
    {
        CompiledSelector? compiled = null;
        if (!string.IsNullOrWhiteSpace(labelSelector))
        {
            var parsed = SelectorParser.Parse(labelSelector);
            if (!parsed.IsSuccess || parsed.Selector is null)
                throw ApiError.BadRequest($"unable to parse requirement: {parsed.Error}");
            compiled = LabelSelectorMatcher.CompileQuery(parsed.Selector);
            if (!compiled.IsValid) throw ApiError.BadRequest($"unable to parse requirement: {string.Join("; ", compiled.Issues)}");
        }
        var filter = new ObjectFilter(compiled);
        if (!string.IsNullOrWhiteSpace(fieldSelector))
        {
            foreach (var term in fieldSelector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (path, equal, value) = term.Contains("!=", StringComparison.Ordinal)
                    ? (term[..term.IndexOf("!=", StringComparison.Ordinal)], false, term[(term.IndexOf("!=", StringComparison.Ordinal) + 2)..])
                    : term.Contains("==", StringComparison.Ordinal)
                        ? (term[..term.IndexOf("==", StringComparison.Ordinal)], true, term[(term.IndexOf("==", StringComparison.Ordinal) + 2)..])
                        : term.Contains('=', StringComparison.Ordinal)
                            ? (term[..term.IndexOf('=', StringComparison.Ordinal)], true, term[(term.IndexOf('=', StringComparison.Ordinal) + 1)..])
                            : throw ApiError.BadRequest($"invalid selector: '{fieldSelector}'; can't understand '{term}'");
                if (path is not ("metadata.name" or "metadata.namespace" or "spec.nodeName" or "status.phase" or "spec.type"))
                    throw ApiError.BadRequest($"field label not supported: {path}");
                filter._fields.Add((path, equal, value));
            }
        }
        return filter;
    }

    public bool IsEmpty => _labels is null && _fields.Count == 0;

    public bool Matches(JsonObject obj)
    {
        if (_labels is not null && !_labels.Matches(LabelsOf(obj))) return false;
        foreach (var (path, equal, value) in _fields)
        {
            JsonNode? cur = obj;
            foreach (var seg in path.Split('.')) cur = cur?[seg];
            var actual = cur?.GetValue<string>() ?? "";
            if ((actual == value) != equal) return false;
        }
        return true;
    }

    private static Labels LabelsOf(JsonObject obj) =>
        obj["metadata"]?["labels"] is JsonObject l
            ? Labels.From(l.Select(p => KeyValuePair.Create(p.Key, p.Value?.ToString() ?? "")))
            : Labels.Empty;
}

/// <summary>
/// Opaque continue tokens: the list's resourceVersion and the last key served. A token older than the retained
/// history is answered 410 Expired, as an apiserver answers a token whose revision etcd has compacted.
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long rv, string ns, string name)
    {
        var json = new JsonObject { ["v"] = "sandbox/1", ["rv"] = rv, ["ns"] = ns, ["name"] = name }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long Rv, string Ns, string Name) Decode(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var o = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(b64)))!.AsObject();
            return (o["rv"]!.GetValue<long>(), o["ns"]!.GetValue<string>(), o["name"]!.GetValue<string>());
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiError.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    public static long ParseRv(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw new ApiError(400, "BadRequest", $"invalid resource version: \"{text}\"");
}
