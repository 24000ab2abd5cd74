using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Http;

namespace PolicyDashboard.Sandbox.Writes;

/// <summary>The three classic PATCH formats.</summary>
internal static class Patches
{
    /// <summary>RFC 7386 JSON merge patch: objects merge, null deletes, everything else (lists too) replaces.</summary>
    public static JsonObject Merge(JsonObject target, JsonObject patch)
    {
        var result = target.DeepClone().AsObject();
        MergeInto(result, patch, strategic: false);
        return result;
    }

    /// <summary>
    /// Strategic merge patch as far as the served kinds need it. Their lists that carry a patch strategy are pod
    /// containers, ports and volumes, which the sandbox replaces whole; NetworkPolicy and the admin policies have
    /// no merge lists, so for them a strategic merge patch is a merge patch. The directives kubectl adds
    /// (<c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/…</c>, <c>$deleteFromPrimitiveList/…</c>) are honoured
    /// or dropped accordingly.
    /// </summary>
    public static JsonObject Strategic(JsonObject target, JsonObject patch)
    {
        var result = target.DeepClone().AsObject();
        MergeInto(result, patch, strategic: true);
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject patch, bool strategic)
    {
        if (strategic && patch["$patch"]?.GetValue<string>() == "replace")
        {
            foreach (var k in target.Select(p => p.Key).ToList()) target.Remove(k);
        }
        foreach (var (key, value) in patch)
        {
            if (strategic && key.StartsWith('$'))
            {
                if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray drop
                    && target[key["$deleteFromPrimitiveList/".Length..]] is JsonArray list)
                {
                    foreach (var d in drop)
                        foreach (var item in list.Where(i => JsonNode.DeepEquals(i, d)).ToList()) list.Remove(item);
                }
                continue;
            }
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject po)
            {
                if (strategic && po["$patch"]?.GetValue<string>() == "delete")
                {
                    target.Remove(key);
                    continue;
                }
                if (target[key] is not JsonObject to)
                {
                    to = new JsonObject();
                    target[key] = to;
                }
                MergeInto(to, po, strategic);
            }
            else if (strategic && value is JsonArray arr)
            {
                target[key] = new JsonArray(arr.Where(i => i is not JsonObject io || io["$patch"] is null).Select(i => i?.DeepClone()).ToArray());
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy, test.</summary>
    public static JsonObject Json(JsonObject target, JsonArray ops)
    {
        JsonNode result = target.DeepClone();
        foreach (var n in ops)
        {
            if (n is not JsonObject op) throw ApiError.BadRequest("a JSON patch must be an array of operations");
            var kind = op["op"]?.GetValue<string>() ?? throw ApiError.BadRequest("JSON patch operation without op");
            var path = op["path"]?.GetValue<string>() ?? throw ApiError.BadRequest("JSON patch operation without path");
            switch (kind)
            {
                case "add": Add(ref result, path, op["value"]?.DeepClone()); break;
                case "remove": Remove(result, path); break;
                case "replace": Remove(result, path); Add(ref result, path, op["value"]?.DeepClone()); break;
                case "move":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw ApiError.BadRequest("move without from");
                    var v = Get(result, from)?.DeepClone();
                    Remove(result, from);
                    Add(ref result, path, v);
                    break;
                }
                case "copy":
                {
                    var from = op["from"]?.GetValue<string>() ?? throw ApiError.BadRequest("copy without from");
                    Add(ref result, path, Get(result, from)?.DeepClone());
                    break;
                }
                case "test":
                    if (!JsonNode.DeepEquals(Get(result, path), op["value"]))
                        throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    break;
                default: throw ApiError.BadRequest($"unexpected JSON patch operation \"{kind}\"");
            }
        }
        return result as JsonObject ?? throw ApiError.BadRequest("a JSON patch must leave an object");
    }

    private static string[] Pointer(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? cur = root;
        foreach (var seg in Pointer(path))
        {
            cur = cur switch
            {
                JsonObject o when o.TryGetPropertyValue(seg, out var v) => v,
                JsonArray a when int.TryParse(seg, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\""),
            };
        }
        return cur;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode root, string path)
    {
        var segs = Pointer(path);
        if (segs.Length == 0) throw ApiError.BadRequest("JSON patch path must not be the root");
        var parentPath = path[..path.LastIndexOf('/')];
        return (Get(root, parentPath) ?? throw ApiError.BadRequest($"doc is missing path: \"{parentPath}\""), segs[^1]);
    }

    private static void Add(ref JsonNode root, string path, JsonNode? value)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count: a.Insert(i, value); break;
            default: throw ApiError.BadRequest($"cannot add at \"{path}\"");
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, last) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): o.Remove(last); break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count: a.RemoveAt(i); break;
            default: throw new ApiError(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\"");
        }
    }
}
