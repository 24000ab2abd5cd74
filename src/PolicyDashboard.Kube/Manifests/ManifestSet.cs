using System.Collections.Immutable;
using System.Text.Json;
using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>Accumulates the objects of several manifest texts and builds one snapshot from them.</summary>
internal sealed class ManifestSet(ManifestLoadOptions options)
{
    private readonly ImmutableArray<ManifestDiagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<ManifestDiagnostic>();
    private readonly Dictionary<ResourceKind, Dictionary<ObjectKey, (object Model, string Where)>> _objects = [];
    private readonly List<(string Kind, JsonElement Object, string Source, SourcePosition Position)> _workloads = [];
    private readonly Dictionary<(string Kind, ObjectKey Key), (SourceDocument Document, string Path)>? _sources = options.Strict ? [] : null;

    private static readonly HashSet<ResourceKind> PolicyKinds =
    [
        ResourceKinds.NetworkPolicies, ResourceKinds.AdminNetworkPolicies, ResourceKinds.BaselineAdminNetworkPolicies, ResourceKinds.ClusterNetworkPolicies,
    ];

    public void Report(ManifestSeverity severity, string source, SourcePosition? position, string message) =>
        _diagnostics.Add(new ManifestDiagnostic(severity, source, position?.Line, position?.Column, message));

    public void AddText(string text, string source)
    {
        if (options.Strict && SourceCharacters.FirstDisallowed(text) is { } bad)
        {
            Report(ManifestSeverity.Error, source, bad.Position, bad.Message);
            return;
        }

        var (documents, warnings, error) = ManifestReader.Read(text, source, options.Strict ? ReadLimits.StrictDraft : ReadLimits.Lenient);
        var warningSeverity = options.Strict ? ManifestSeverity.Error : ManifestSeverity.Warning;
        foreach (var (position, message) in warnings) Report(warningSeverity, source, position, message);
        foreach (var doc in documents)
            if (doc.Root is { } root) AddObject(doc, root, "", source);
        if (error is not null) Report(ManifestSeverity.Error, source, error.Position, error.Message);
    }

    private void AddObject(SourceDocument doc, JsonElement obj, string path, string source)
    {
        var position = doc.At(path);
        if (obj.ValueKind == JsonValueKind.Null) return; // an empty list item
        if (obj.ValueKind != JsonValueKind.Object)
        {
            Report(ManifestSeverity.Error, source, position, "expected a Kubernetes object (a mapping with apiVersion and kind)");
            return;
        }

        var kind = Text(obj, "kind");
        var apiVersion = Text(obj, "apiVersion");
        if (string.IsNullOrEmpty(kind))
        {
            Report(ManifestSeverity.Error, source, position, "object has no kind");
            return;
        }

        // kind: List (and typed lists such as PodList) hold their objects under items.
        if ((kind == "List" || kind.EndsWith("List", StringComparison.Ordinal)) && obj.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in items.EnumerateArray()) AddObject(doc, item, $"{path}.items[{i++}]", source);
            return;
        }

        var name = obj.TryGetProperty("metadata", out var meta) ? Text(meta, "name") : null;
        var label = name is null ? kind : $"{kind} {name}";
        if (string.IsNullOrEmpty(apiVersion))
        {
            Report(ManifestSeverity.Error, source, position, $"{label} has no apiVersion");
            return;
        }

        if (options.AcceptedKinds is null && options.ExpandWorkloads && WorkloadExpander.Kinds.Contains(kind) && apiVersion == "apps/v1")
        {
            _workloads.Add((kind, obj, source, position));
            return;
        }

        var resource = ResourceKinds.FindByKind(kind);
        if (options.AcceptedKinds is { } accepted && (resource is null || !accepted.Contains(resource)))
        {
            Report(ManifestSeverity.Error, source, doc.At(path + ".kind"),
                $"kind {kind} ({apiVersion}) is not accepted here: expected {string.Join(", ", accepted.Select(k => $"{k.Kind} ({k.ApiVersion})"))}");
            return;
        }

        // Lenient loading skips what it cannot use and goes on; strict loading refuses it.
        var (rejected, skipped) = options.Strict ? (ManifestSeverity.Error, "") : (ManifestSeverity.Warning, ": skipped");
        if (resource is null)
        {
            Report(rejected, source, doc.At(path + ".kind"), $"unknown kind {kind} ({apiVersion}){skipped}");
            return;
        }

        if (apiVersion != resource.ApiVersion)
        {
            Report(rejected, source, doc.At(path + ".apiVersion"), $"{label}: apiVersion {apiVersion} is not supported (expected {resource.ApiVersion}){skipped}");
            return;
        }

        if (options.Strict && StrictFields.Find(resource, obj) is { Count: > 0 } unknown)
        {
            foreach (var field in unknown)
                Report(ManifestSeverity.Error, source, doc.AtField(path, StrictFields.JsonPath(field)), $"{label}: unknown field \"{field}\"");
            return;
        }

        // Lenient loading still names the unknown fields of policies: a misspelt podSelector selects every pod of the
        // namespace, a ports list under the wrong name allows every port. (Other kinds are left alone: manifests
        // exported from newer clusters carry fields the client's model does not know yet.)
        if (!options.Strict && PolicyKinds.Contains(resource) && StrictFields.Find(resource, obj) is { Count: > 0 } ignored)
        {
            foreach (var field in ignored)
                Report(ManifestSeverity.Warning, source, doc.AtField(path, StrictFields.JsonPath(field)),
                    $"{label}: unknown field \"{field}\" is ignored, as the API server drops it (kubectl apply refuses it by default)");
        }

        if (string.IsNullOrEmpty(name))
        {
            Report(ManifestSeverity.Error, source, position, $"{kind} has no metadata.name");
            return;
        }

        if (options.EnforceNamespace && resource.Namespaced && Text(meta, "namespace") is { Length: > 0 } ns && ns != options.DefaultNamespace)
        {
            Report(ManifestSeverity.Error, source, doc.AtField(path, "$.metadata.namespace"),
                $"{label}: the namespace from the provided object \"{ns}\" does not match the namespace \"{options.DefaultNamespace}\"");
            return;
        }

        object model;
        try
        {
            model = resource.Convert(obj, options.DefaultNamespace);
        }
        catch (JsonException ex)
        {
            Report(ManifestSeverity.Error, source, doc.AtField(path, ex.Path), $"cannot read {label}: {Describe(ex)}");
            return;
        }
        catch (NotSupportedException ex) when (JsonPathIn(ex.Message) is { } jsonPath)
        {
            // System.Text.Json's way of saying a converter (KubernetesClient's IntOrString, say) met a value of a type it
            // cannot read, such as a list where a port goes.
            Report(ManifestSeverity.Error, source, doc.AtField(path, jsonPath), $"cannot read {label}: {jsonPath.TrimStart('$', '.')}: a value of the wrong type");
            return;
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            Report(ManifestSeverity.Error, source, position, $"cannot read {label}: {ex.Message}");
            return;
        }

        Add(resource, model, source, position);
        _sources?.TryAdd((resource.Kind, ResourceKind.KeyOf(model)), (doc, path));
    }

    private void Add(ResourceKind resource, object model, string source, SourcePosition position)
    {
        if (!_objects.TryGetValue(resource, out var map)) _objects[resource] = map = [];
        var key = ResourceKind.KeyOf(model);
        var where = $"{source}:{position.Line}";
        if (map.TryGetValue(key, out var previous))
            Report(ManifestSeverity.Warning, source, position, $"{resource.Kind} {key} is also defined at {previous.Where}: this definition replaces it");
        map[key] = (model, where);
    }

    public ManifestLoadResult Build()
    {
        ExpandWorkloads();
        AddUndeclaredNamespaces();
        var snapshot = ClusterSnapshot.Empty with { Version = 1 };
        foreach (var resource in ResourceKinds.All)
        {
            if (_objects.TryGetValue(resource, out var map))
                snapshot = resource.Apply(snapshot, map.Select(p => new ObjectChange(p.Key, p.Value.Model)).ToList());
        }

        return new ManifestLoadResult(snapshot, _diagnostics.ToImmutable()) { Sources = _sources };
    }

    private void ExpandWorkloads()
    {
        var nodeNames = _objects.TryGetValue(ResourceKinds.Nodes, out var nodes)
            ? nodes.Keys.Select(k => k.Name).Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var (kind, element, source, position) in _workloads)
        {
            try
            {
                var (meta, template, replicas) = kind switch
                {
                    "Deployment" => Read<V1Deployment>(element, d => (d.Metadata, d.Spec?.Template, d.Spec?.Replicas)),
                    "ReplicaSet" => Read<V1ReplicaSet>(element, d => (d.Metadata, d.Spec?.Template, d.Spec?.Replicas)),
                    "StatefulSet" => Read<V1StatefulSet>(element, d => (d.Metadata, d.Spec?.Template, d.Spec?.Replicas)),
                    _ => Read<V1DaemonSet>(element, d => (d.Metadata, d.Spec?.Template, (int?)null)),
                };
                if (string.IsNullOrEmpty(meta?.Name))
                {
                    Report(ManifestSeverity.Error, source, position, $"{kind} has no metadata.name");
                    continue;
                }

                foreach (var pod in WorkloadExpander.Expand(kind, meta, template, replicas, nodeNames, options.DefaultNamespace))
                    Add(ResourceKinds.Pods, pod, source, position);
            }
            catch (JsonException ex)
            {
                Report(ManifestSeverity.Error, source, position, $"cannot read {kind}: {Describe(ex)}");
            }
        }
    }

    private static (V1ObjectMeta? Meta, V1PodTemplateSpec? Template, int? Replicas) Read<T>(
        JsonElement element, Func<T, (V1ObjectMeta?, V1PodTemplateSpec?, int?)> pick) =>
        pick(KubernetesJson.Deserialize<T>(element));

    /// <summary>
    /// Objects may live in namespaces the manifests do not declare; the API server would refuse them, but for
    /// analysis the namespace is assumed to exist with only its automatic name label.
    /// </summary>
    private void AddUndeclaredNamespaces()
    {
        _objects.TryGetValue(ResourceKinds.Namespaces, out var declared);
        var used = _objects.Where(p => p.Key.Namespaced)
            .SelectMany(p => p.Value.Keys.Select(k => k.Namespace))
            .Where(ns => ns.Length > 0 && (declared is null || !declared.ContainsKey(new ObjectKey("", ns))))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var ns in used)
        {
            var meta = new Core.Model.ObjectMeta(ns, null, Labels: Labels.Of((InventoryConverter.NamespaceNameLabel, ns)));
            Add(ResourceKinds.Namespaces, new NamespaceInfo(meta), "(implied)", new SourcePosition(0, 0));
            _diagnostics.Add(new ManifestDiagnostic(ManifestSeverity.Info, "(implied)", null, null,
                $"namespace {ns} is used but not declared: assumed to exist with label {InventoryConverter.NamespaceNameLabel}={ns}"));
        }
    }

    private static string? Text(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The JSON path System.Text.Json puts in its messages ("… Path: $.spec.ports[0].port | LineNumber: …").</summary>
    private static string? JsonPathIn(string message)
    {
        var at = message.IndexOf("Path: $", StringComparison.Ordinal);
        if (at < 0) return null;
        var end = message.IndexOf(" |", at, StringComparison.Ordinal);
        return end < 0 ? message[(at + 6)..].TrimEnd('.') : message[(at + 6)..end];
    }

    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var idx = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (idx > 0) message = message[..idx];
        return ex.Path is { Length: > 1 } path ? $"{path.TrimStart('$', '.')}: {message}" : message;
    }
}
