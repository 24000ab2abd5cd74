using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Controllers;
using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Kinds;
using PolicyDashboard.Sandbox.Store;
using PolicyDashboard.Sandbox.Validation;

namespace PolicyDashboard.Sandbox.Writes;

/// <summary>How a write was asked for: dry run (validated and answered, nothing stored), the field manager, force.</summary>
internal sealed record WriteOptions(bool DryRun, string Manager, bool Force = false, bool Strict = false);

/// <summary>
/// The write paths of the apiserver's generic registry: create, update, the patch flavours, server-side apply and
/// delete, each validated, defaulted and — unless it is a dry run — stored with a new resourceVersion. Every write
/// runs under the store's lock from read to commit, so preconditions and conflicts are exact.
/// </summary>
internal sealed class ObjectWriter(ObjectStore store, ControlPlane controlPlane, IObjectValidator validator, TimeProvider clock)
{
    private string Now => ManagedFields.Now(clock);

    public JsonObject Create(ResourceKind kind, string? urlNs, JsonObject body, WriteOptions opts, bool managed = true)
    {
        lock (store.Gate)
        {
            var obj = body.DeepClone().AsObject();
            CheckTypeMeta(kind, obj);
            var meta = Metadata(obj);
            SetNamespace(kind, meta, urlNs);
            var name = meta["name"]?.GetValue<string>() ?? "";
            if (name.Length == 0 && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
            {
                do name = prefix + ControlPlane.Hash(Guid.NewGuid().ToString(), 5);
                while (store.Get(kind, urlNs ?? "", name) is not null);
                meta["name"] = name;
            }
            foreach (var k in new[] { "uid", "resourceVersion", "creationTimestamp", "generation", "deletionTimestamp", "selfLink" })
                meta.Remove(k);
            // A seeded or applied object arrives with its ownership already worked out; anything else starts fresh.
            if (managed) meta.Remove("managedFields");
            if (opts.Strict) StrictDecoding.Check(kind, obj);
            Defaults.Apply(kind, obj);
            Validate(kind, obj, name);
            var ns = kind.Namespaced ? urlNs! : "";
            if (kind.Namespaced && store.Get(ResourceKinds.Namespace, "", ns) is null)
                throw ApiError.NotFound(ResourceKinds.Namespace, ns);
            if (store.Get(kind, ns, name) is not null) throw ApiError.AlreadyExists(kind, name);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Now;
            if (Defaults.HasGeneration(kind)) meta["generation"] = 1;
            controlPlane.OnCreate(kind, obj);
            if (managed) ManagedFields.RecordUpdate(null, obj, opts.Manager, kind.ApiVersion, Now);
            Order(obj);
            if (opts.DryRun) return ObjectStore.Normalize(obj);
            var stored = store.Commit(kind, obj, EventType.Added);
            controlPlane.AfterCommit(kind, ns);
            return stored;
        }
    }

    public JsonObject Update(ResourceKind kind, string ns, string name, JsonObject body, WriteOptions opts, bool statusOnly)
    {
        lock (store.Gate)
        {
            var current = store.Get(kind, ns, name) ?? throw ApiError.NotFound(kind, name);
            var obj = body.DeepClone().AsObject();
            CheckTypeMeta(kind, obj);
            return Replace(kind, current, obj, opts, statusOnly, recordManager: true);
        }
    }

    public JsonObject Patch(ResourceKind kind, string ns, string name, string contentType, string text, WriteOptions opts, bool statusOnly)
    {
        lock (store.Gate)
        {
            if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal))
                return Apply(kind, ns, name, text, opts);
            var current = store.Get(kind, ns, name) ?? throw ApiError.NotFound(kind, name);
            JsonObject patched;
            if (contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal))
            {
                var ops = ParseJson(text) as JsonArray ?? throw ApiError.BadRequest("a JSON patch must be an array of operations");
                patched = Patches.Json(current, ops);
            }
            else
            {
                var patch = ParseJson(text) as JsonObject ?? throw ApiError.BadRequest("a merge patch must be a JSON object");
                patched = contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal)
                    ? Patches.Strategic(current, patch)
                    : contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal)
                        ? Patches.Merge(current, patch)
                        : throw ApiError.UnsupportedMediaType(contentType);
            }
            return Replace(kind, current, patched, opts, statusOnly, recordManager: true);
        }
    }

    private JsonObject Apply(ResourceKind kind, string ns, string name, string text, WriteOptions opts)
    {
        if (string.IsNullOrEmpty(opts.Manager) || opts.Manager == DefaultManagerMarker)
            throw new ApiError(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                new JsonObject
                {
                    ["group"] = "meta.k8s.io",
                    ["kind"] = "PatchOptions",
                    ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueRequired", ["message"] = "Required value: is required for apply patch", ["field"] = "fieldManager" }),
                });
        var config = YamlJson.ParseObject(text);
        if (config["apiVersion"] is null || config["kind"] is null)
            throw ApiError.BadRequest("apiVersion and kind must be set in an apply configuration");
        CheckTypeMeta(kind, config);
        var meta = Metadata(config);
        var bodyName = meta["name"]?.GetValue<string>();
        if (bodyName is not null && bodyName != name)
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        meta["name"] = name;
        SetNamespace(kind, meta, kind.Namespaced ? ns : null);
        var current = store.Get(kind, ns, name);
        if (current is null)
        {
            var created = ServerSideApply.Create(kind, config, opts.Manager, Now);
            return Create(kind, kind.Namespaced ? ns : null, created, opts, managed: false);
        }
        var merged = ServerSideApply.Apply(kind, current, config, opts.Manager, opts.Force, Now);
        return Replace(kind, current, merged, opts, statusOnly: false, recordManager: false);
    }

    /// <summary>The part of update and patch after the new object is known: checks, defaults, ownership, commit.</summary>
    private JsonObject Replace(ResourceKind kind, JsonObject current, JsonObject obj, WriteOptions opts, bool statusOnly, bool recordManager)
    {
        var name = ObjectStore.NameOf(current);
        var ns = ObjectStore.NamespaceOf(current);
        var meta = Metadata(obj);
        var bodyName = meta["name"]?.GetValue<string>();
        if (bodyName is not null && bodyName != name)
            throw ApiError.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        if (kind.Namespaced && meta["namespace"]?.GetValue<string>() is { } bodyNs && bodyNs != ns)
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        var rv = meta["resourceVersion"]?.GetValue<string>();
        var currentMeta = (JsonObject)current["metadata"]!;
        if (!string.IsNullOrEmpty(rv) && rv != currentMeta["resourceVersion"]!.GetValue<string>())
            throw ApiError.Conflict(kind, name, "the object has been modified; please apply your changes to the latest version and try again");

        if (statusOnly)
        {
            var status = obj["status"]?.DeepClone();
            obj = current.DeepClone().AsObject();
            obj["status"] = status;
            meta = Metadata(obj);
        }
        else if (current["status"] is { } oldStatus)
        {
            // The main resource never changes status (the registry strategies' PrepareForUpdate copy it back).
            obj["status"] = oldStatus.DeepClone();
        }
        else
        {
            obj.Remove("status");
        }
        meta["name"] = name;
        if (kind.Namespaced) meta["namespace"] = ns; else meta.Remove("namespace");
        foreach (var k in new[] { "uid", "creationTimestamp", "generation", "resourceVersion" })
        {
            if (currentMeta[k] is { } v) meta[k] = v.DeepClone();
            else meta.Remove(k);
        }
        if (recordManager)
        {
            if (currentMeta["managedFields"] is { } mf) meta["managedFields"] = mf.DeepClone();
            else meta.Remove("managedFields");
        }
        if (opts.Strict) StrictDecoding.Check(kind, obj);
        Defaults.Apply(kind, obj);
        Validate(kind, obj, name);
        if (Defaults.HasGeneration(kind) && !JsonNode.DeepEquals(obj["spec"], current["spec"]))
            meta["generation"] = (currentMeta["generation"]?.GetValue<long>() ?? 0) + 1;
        if (recordManager) ManagedFields.RecordUpdate(current, obj, opts.Manager, kind.ApiVersion, Now);
        Order(obj);
        // A write that changes nothing is answered with the current object: no new resourceVersion, no event.
        if (SameIgnoringManagedTimes(current, obj)) return current;
        if (opts.DryRun) return ObjectStore.Normalize(obj);
        var stored = store.Commit(kind, obj, EventType.Modified);
        controlPlane.AfterCommit(kind, ns);
        return stored;
    }

    public JsonObject Delete(ResourceKind kind, string ns, string name, WriteOptions opts, JsonObject? deleteOptions)
    {
        lock (store.Gate)
        {
            var current = store.Get(kind, ns, name) ?? throw ApiError.NotFound(kind, name);
            if (deleteOptions?["preconditions"] is JsonObject pre)
            {
                if (pre["resourceVersion"]?.GetValue<string>() is { } rv && rv != current["metadata"]!["resourceVersion"]!.GetValue<string>())
                    throw ApiError.Conflict(kind, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {current["metadata"]!["resourceVersion"]}");
                if (pre["uid"]?.GetValue<string>() is { } uid && uid != current["metadata"]!["uid"]?.GetValue<string>())
                    throw ApiError.Conflict(kind, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {current["metadata"]!["uid"]}");
            }
            if (opts.DryRun) return current;
            if (kind == ResourceKinds.Namespace)
            {
                // The namespace controller empties a deleted namespace before the namespace itself goes.
                foreach (var k in ResourceKinds.All.Where(k => k.Namespaced))
                    foreach (var o in store.List(k, name).Items)
                        store.Delete(k, name, ObjectStore.NameOf(o));
            }
            var gone = store.Delete(kind, ns, name)!;
            controlPlane.AfterCommit(kind, ns);
            return gone;
        }
    }

    /// <summary>Used when a request names no field manager; apply rejects it, other writes fall back to the user agent.</summary>
    public const string DefaultManagerMarker = "\u0000";

    private void Validate(ResourceKind kind, JsonObject obj, string name)
    {
        var errors = validator.Validate(kind, obj).ToList();
        if (errors.Count > 0) throw ApiError.Invalid(kind, name, errors.Select(Causes.From).ToList());
    }

    private static void CheckTypeMeta(ResourceKind kind, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var k = obj["kind"]?.GetValue<string>();
        if ((apiVersion is not null && apiVersion != kind.ApiVersion) || (k is not null && k != kind.Kind))
            throw ApiError.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({kind.ApiVersion})");
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
    }

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m) return m;
        var meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    private static void SetNamespace(ResourceKind kind, JsonObject meta, string? urlNs)
    {
        if (!kind.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }
        var bodyNs = meta["namespace"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != urlNs)
            throw ApiError.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        meta["namespace"] = urlNs;
    }

    /// <summary>apiVersion, kind, metadata, spec, … first: the order kubectl -o yaml users expect.</summary>
    private static void Order(JsonObject obj)
    {
        var props = obj.ToList();
        obj.Clear();
        foreach (var key in new[] { "apiVersion", "kind", "metadata" })
        {
            var p = props.FirstOrDefault(x => x.Key == key);
            if (p.Key is not null) obj[key] = p.Value;
        }
        foreach (var (key, value) in props)
            if (key is not ("apiVersion" or "kind" or "metadata")) obj[key] = value;
    }

    private static bool SameIgnoringManagedTimes(JsonObject a, JsonObject b)
    {
        var x = a.DeepClone().AsObject();
        var y = b.DeepClone().AsObject();
        foreach (var o in new[] { x, y })
        {
            if (o["metadata"]?["managedFields"] is JsonArray mf)
                foreach (var e in mf.OfType<JsonObject>()) e.Remove("time");
        }
        return JsonNode.DeepEquals(x, y);
    }

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw ApiError.BadRequest(string.Create(CultureInfo.InvariantCulture, $"error decoding patch: {ex.Message}"));
        }
    }
}
