using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Writes;

/// <summary>
/// Server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/): the applier's
/// configuration is merged into the live object; every field it sets becomes its own; setting a field another
/// manager owns to a different value is a conflict unless forced (then ownership moves); fields the applier owned
/// before and no longer sets are removed unless someone else still owns them.
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(ResourceKind kind, JsonObject current, JsonObject config, string manager, bool force, string now)
    {
        var name = Store.ObjectStore.NameOf(current);
        var applied = FieldPaths.Leaves(config);
        var entries = ManagedFields.Read(current);
        var conflicts = new List<(ManagedEntry Owner, string Path)>();
        foreach (var e in entries)
        {
            if (e.Manager == manager && e.IsApply) continue;
            foreach (var p in applied)
            {
                if (!e.Paths.Contains(p)) continue;
                // Shared ownership is fine as long as both set the same value.
                if (!JsonNode.DeepEquals(FieldPaths.ValueAt(current, p), FieldPaths.ValueAt(config, p)))
                    conflicts.Add((e, p));
            }
        }
        if (conflicts.Count > 0 && !force)
            throw ApiError.ApplyConflict(kind, name, ConflictMessage(conflicts),
                conflicts.Select(c => new StatusCause("FieldManagerConflict", $"conflict with {Describe(c.Owner)}", FieldPaths.Display(c.Path))).ToList());
        foreach (var (owner, path) in conflicts) owner.Paths.Remove(path);

        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.IsApply);
        var result = current.DeepClone().AsObject();
        if (mine is not null)
        {
            var stillOwned = entries.Where(e => !ReferenceEquals(e, mine)).SelectMany(e => e.Paths).ToHashSet(StringComparer.Ordinal);
            foreach (var p in mine.Paths)
                if (!applied.Contains(p) && !stillOwned.Contains(p) && !applied.Any(a => a.StartsWith(p + FieldPaths.Separator, StringComparison.Ordinal)))
                    FieldPaths.RemoveAt(result, p);
        }
        FieldPaths.MergeInto(result, Strip(config));
        if (mine is null)
        {
            mine = new ManagedEntry { Manager = manager, Operation = "Apply", ApiVersion = kind.ApiVersion, Time = now, Paths = applied };
            entries.Insert(0, mine);
        }
        else
        {
            mine.Paths = applied;
            mine.Time = now;
            mine.ApiVersion = kind.ApiVersion;
        }
        // Fields changed shape under another manager (a leaf replaced by a map, say) are no longer theirs.
        var live = FieldPaths.Leaves(result);
        foreach (var e in entries) e.Paths.IntersectWith(live);
        ManagedFields.Write(result, entries);
        return result;
    }

    /// <summary>The object an apply creates when nothing exists yet: the configuration, owned wholly by the applier.</summary>
    public static JsonObject Create(ResourceKind kind, JsonObject config, string manager, string now)
    {
        var result = Strip(config);
        result["apiVersion"] = kind.ApiVersion;
        result["kind"] = kind.Kind;
        var entries = new List<ManagedEntry>
        {
            new() { Manager = manager, Operation = "Apply", ApiVersion = kind.ApiVersion, Time = now, Paths = FieldPaths.Leaves(config) },
        };
        ManagedFields.Write(result, entries);
        return result;
    }

    /// <summary>The configuration without server-owned metadata a client may have echoed back.</summary>
    private static JsonObject Strip(JsonObject config)
    {
        var c = config.DeepClone().AsObject();
        if (c["metadata"] is JsonObject meta)
        {
            foreach (var k in new[] { "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink" })
                meta.Remove(k);
        }
        c.Remove("status");
        return c;
    }

    /// <summary>How apimachinery's fieldmanager prints a manager: Update managers with the version they wrote.</summary>
    private static string Describe(ManagedEntry e) =>
        e.IsApply ? $"\"{e.Manager}\"" : $"\"{e.Manager}\" using {e.ApiVersion}";

    private static string ConflictMessage(List<(ManagedEntry Owner, string Path)> conflicts)
    {
        if (conflicts.Count == 1)
            return $"Apply failed with 1 conflict: conflict with {Describe(conflicts[0].Owner)}: {FieldPaths.Display(conflicts[0].Path)}";
        var parts = conflicts
            .GroupBy(c => Describe(c.Owner))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"conflicts with {g.Key}:\n" + string.Join("\n", g.Select(c => "- " + FieldPaths.Display(c.Path)).Order(StringComparer.Ordinal)));
        return $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", parts)}";
    }
}
