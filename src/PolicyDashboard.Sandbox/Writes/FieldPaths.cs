using System.Text.Json.Nodes;

namespace PolicyDashboard.Sandbox.Writes;

/// <summary>
/// Field paths as server-side apply tracks them (sigs.k8s.io/structured-merge-diff). A path is a list of field
/// names from the object's root to a leaf. What counts as a leaf follows the schemas of the served kinds:
/// lists are atomic (NetworkPolicy's and the admin policies' lists are <c>listType=atomic</c>), label selectors are
/// atomic structs (<c>+structType=atomic</c> on metav1.LabelSelector, <c>+mapType=atomic</c> on Service.spec.selector),
/// and every other map or struct is granular, so each key is owned on its own.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\u001f';

    /// <summary>Top-level and metadata fields the server owns; never part of a manager's set.</summary>
    private static readonly HashSet<string> SystemMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName",
    ];

    public static bool IsAtomicField(string name) =>
        name.EndsWith("Selector", StringComparison.Ordinal) || name == "selector";

    /// <summary>Every leaf path an object (or an apply configuration) sets.</summary>
    public static HashSet<string> Leaves(JsonObject obj)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "status") continue;
            if (key == "metadata")
            {
                if (value is not JsonObject meta) continue;
                foreach (var (mk, mv) in meta)
                {
                    if (SystemMetadata.Contains(mk) || mv is null) continue;
                    Collect(mv, $"metadata{Separator}{mk}", mk, result);
                }
                continue;
            }
            if (value is null) continue;
            Collect(value, key, key, result);
        }
        return result;
    }

    private static void Collect(JsonNode node, string path, string fieldName, HashSet<string> into)
    {
        if (node is JsonObject o && o.Count > 0 && !IsAtomicField(fieldName))
        {
            foreach (var (k, v) in o)
                if (v is not null) Collect(v, path + Separator + k, k, into);
            return;
        }
        into.Add(path);
    }

    public static string[] Split(string path) => path.Split(Separator);

    /// <summary>The form conflict messages print: <c>.spec.podSelector</c>.</summary>
    public static string Display(string path) => "." + path.Replace(Separator, '.');

    public static JsonNode? ValueAt(JsonObject obj, string path)
    {
        JsonNode? cur = obj;
        foreach (var seg in Split(path))
        {
            if (cur is not JsonObject o || !o.TryGetPropertyValue(seg, out cur)) return null;
        }
        return cur;
    }

    public static void RemoveAt(JsonObject obj, string path)
    {
        var segs = Split(path);
        var chain = new List<JsonObject> { obj };
        JsonObject cur = obj;
        for (var i = 0; i < segs.Length - 1; i++)
        {
            if (cur[segs[i]] is not JsonObject next) return;
            chain.Add(next);
            cur = next;
        }
        cur.Remove(segs[^1]);
        // A granular map left empty by the removal goes too, as a merge that removes the last owned key does.
        for (var i = chain.Count - 1; i >= 1; i--)
        {
            if (chain[i].Count > 0) break;
            chain[i - 1].Remove(segs[i - 1]);
        }
    }

    /// <summary>Merges an apply configuration into an object: granular maps recursively, leaves replaced.</summary>
    public static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is null) continue;
            var granular = value is JsonObject vo && vo.Count > 0 && !IsAtomicField(key);
            if (granular && target[key] is JsonObject existing)
                MergeInto(existing, (JsonObject)value);
            else
                target[key] = value.DeepClone();
        }
    }

    /// <summary>Renders a path set as fieldsV1 (<c>{"f:spec":{"f:podSelector":{}}}</c>); maps of labels/annotations get ".".</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.OrderBy(p => p, StringComparer.Ordinal))
        {
            var segs = Split(path);
            var cur = root;
            for (var i = 0; i < segs.Length; i++)
            {
                var key = "f:" + segs[i];
                if (cur[key] is not JsonObject next)
                {
                    next = new JsonObject();
                    cur[key] = next;
                }
                if (i == 1 && segs[0] == "metadata" && segs[1] is "labels" or "annotations" && segs.Length > 2 && next["."] is null)
                    next["."] = new JsonObject();
                cur = next;
            }
        }
        return root;
    }

    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (fields is not null) Walk(fields, "", result);
        return result;
    }

    private static void Walk(JsonObject node, string prefix, HashSet<string> into)
    {
        var children = 0;
        foreach (var (key, value) in node)
        {
            if (key == ".") continue;
            var name = key.StartsWith("f:", StringComparison.Ordinal) ? key[2..] : key;
            var path = prefix.Length == 0 ? name : prefix + Separator + name;
            children++;
            if (value is JsonObject o && o.Count > 0 && !(o.Count == 1 && o.ContainsKey("."))) Walk(o, path, into);
            else into.Add(path);
        }
        if (children == 0 && prefix.Length > 0) into.Add(prefix);
    }
}
