using System.Collections.Immutable;
using System.Text.Json;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Convert;

/// <summary>One change to apply to a snapshot: a model object to add or replace, or null to remove the key.</summary>
public readonly record struct ObjectChange(ObjectKey Key, object? Model);

/// <summary>
/// Everything the dashboard needs to know about one followed API kind: where it is served, whether it is
/// namespaced, how a JSON object becomes a model record, and how changes land in a <see cref="ClusterSnapshot"/>.
/// Shared by the informers and the manifest loader so both read objects the same way.
/// </summary>
public sealed class ResourceKind
{
    private readonly Func<JsonElement, string?, object> _convert;
    private readonly Func<ClusterSnapshot, IReadOnlyList<ObjectChange>, ClusterSnapshot> _apply;

    internal ResourceKind(
        string kind, string group, string version, string plural, bool namespaced,
        Func<JsonElement, string?, object> convert,
        Func<ClusterSnapshot, IReadOnlyList<ObjectChange>, ClusterSnapshot> apply)
    {
        Kind = kind;
        Group = group;
        Version = version;
        Plural = plural;
        Namespaced = namespaced;
        _convert = convert;
        _apply = apply;
    }

    public string Kind { get; }
    public string Group { get; }
    public string Version { get; }
    /// <summary>The resource name in URLs ("pods", "adminnetworkpolicies"); also the name progress is reported under.</summary>
    public string Plural { get; }
    public bool Namespaced { get; }
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The collection across all namespaces, relative to the server's base URL.</summary>
    public string ListPath => $"{GroupVersionPath}/{Plural}";

    public string GroupVersionPath => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";

    public string ObjectPath(string? @namespace, string name) =>
        Namespaced
            ? $"{GroupVersionPath}/namespaces/{Uri.EscapeDataString(@namespace ?? "default")}/{Plural}/{Uri.EscapeDataString(name)}"
            : $"{GroupVersionPath}/{Plural}/{Uri.EscapeDataString(name)}";

    /// <summary>JSON object → model record. Throws (JsonException and the like) only when the object is unreadable.</summary>
    public object Convert(JsonElement obj, string? defaultNamespace = null) => _convert(obj, defaultNamespace);

    public ClusterSnapshot Apply(ClusterSnapshot snapshot, IReadOnlyList<ObjectChange> changes) =>
        changes.Count == 0 ? snapshot : _apply(snapshot, changes);

    /// <summary>The key a model record of this kind is stored under.</summary>
    public static ObjectKey KeyOf(object model) => model switch
    {
        NamespaceInfo n => n.Meta.Key,
        PodInfo p => p.Key,
        ServiceInfo s => s.Key,
        EndpointSliceInfo e => e.Meta.Key,
        NodeInfo n => n.Meta.Key,
        IngressInfo i => i.Key,
        NetworkPolicyInfo np => np.Key,
        AdminPolicyInfo a => a.Meta.Key,
        _ => throw new ArgumentException($"Not a model record: {model.GetType().Name}", nameof(model)),
    };

    public override string ToString() => $"{Kind} ({ApiVersion})";

    internal static ImmutableDictionary<TKey, TModel> ApplyChanges<TKey, TModel>(
        ImmutableDictionary<TKey, TModel> map, IReadOnlyList<ObjectChange> changes, Func<ObjectKey, TKey> key)
        where TKey : notnull
    {
        var builder = map.ToBuilder();
        foreach (var c in changes)
        {
            if (c.Model is TModel model) builder[key(c.Key)] = model;
            else builder.Remove(key(c.Key));
        }

        return builder.ToImmutable();
    }
}
