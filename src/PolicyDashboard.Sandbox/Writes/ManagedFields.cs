using System.Globalization;
using System.Text.Json.Nodes;

namespace PolicyDashboard.Sandbox.Writes;

/// <summary>One metadata.managedFields entry: a manager, its operation, and the leaf paths it owns.</summary>
internal sealed class ManagedEntry
{
    public required string Manager { get; init; }
    public required string Operation { get; init; }
    public required string ApiVersion { get; set; }
    public required string Time { get; set; }
    public required HashSet<string> Paths { get; set; }

    public bool IsApply => Operation == "Apply";
}

/// <summary>Reads and writes metadata.managedFields and moves ownership on updates.</summary>
internal static class ManagedFields
{
    public static string Now(TimeProvider clock) =>
        clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static List<ManagedEntry> Read(JsonObject obj)
    {
        var list = new List<ManagedEntry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray arr) return list;
        foreach (var n in arr)
        {
            if (n is not JsonObject e) continue;
            list.Add(new ManagedEntry
            {
                Manager = e["manager"]?.GetValue<string>() ?? "",
                Operation = e["operation"]?.GetValue<string>() ?? "Update",
                ApiVersion = e["apiVersion"]?.GetValue<string>() ?? "",
                Time = e["time"]?.GetValue<string>() ?? "",
                Paths = FieldPaths.FromFieldsV1(e["fieldsV1"] as JsonObject),
            });
        }
        return list;
    }

    public static void Write(JsonObject obj, List<ManagedEntry> entries)
    {
        var meta = (JsonObject)obj["metadata"]!;
        var arr = new JsonArray();
        foreach (var e in entries.Where(e => e.Paths.Count > 0))
        {
            arr.Add(new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldPaths.ToFieldsV1(e.Paths),
            });
        }
        if (arr.Count > 0) meta["managedFields"] = arr;
        else meta.Remove("managedFields");
    }

    /// <summary>
    /// A non-apply write (create, update, patch): the writer takes every field it changed — from every other manager,
    /// as the apiserver's update operations do — and fields it removed leave every owner.
    /// </summary>
    public static void RecordUpdate(JsonObject? old, JsonObject updated, string manager, string apiVersion, string now)
    {
        var entries = old is null ? [] : Read(old);
        var before = old is null ? new HashSet<string>(StringComparer.Ordinal) : FieldPaths.Leaves(old);
        var after = FieldPaths.Leaves(updated);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in after)
        {
            if (old is null || !before.Contains(p) || !System.Text.Json.Nodes.JsonNode.DeepEquals(FieldPaths.ValueAt(old, p), FieldPaths.ValueAt(updated, p)))
                changed.Add(p);
        }
        var removed = before.Where(p => !after.Contains(p)).ToHashSet(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            e.Paths.ExceptWith(changed);
            e.Paths.ExceptWith(removed);
            // Paths that changed shape (a leaf became a map or the other way) are no longer real: drop them.
            e.Paths.IntersectWith(after);
        }
        if (changed.Count > 0)
        {
            var mine = entries.FirstOrDefault(e => e.Manager == manager && !e.IsApply);
            if (mine is null)
            {
                mine = new ManagedEntry { Manager = manager, Operation = "Update", ApiVersion = apiVersion, Time = now, Paths = new HashSet<string>(StringComparer.Ordinal) };
                entries.Add(mine);
            }
            mine.Paths.UnionWith(changed);
            mine.Time = now;
            mine.ApiVersion = apiVersion;
        }
        Write(updated, entries);
    }
}
