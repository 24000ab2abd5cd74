using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// The fields of an object that its kind's schema does not have, as the API server's strict decoding finds them
/// (<c>kubectl apply --validate=strict</c>: <c>unknown field "spec.podSelecter"</c>). Without this a typo is dropped
/// silently, and a NetworkPolicy whose <c>podSelector</c> is misspelled selects every pod of its namespace.
/// <para>
/// The schema is the KubernetesClient model of the kind. For the policy.networking.k8s.io kinds, which it has no
/// classes for, it is the dashboard's union of v1alpha1 and v1alpha2, less what the object's own version lacks
/// (<see cref="NotInVersion"/>). Names are matched case-sensitively, as the API
/// server does; the keys of maps (labels, annotations, matchLabels) are free; a type with its own JSON converter
/// (IntOrString, quantities) is a value, whatever it holds. A value of the wrong type is not this check's business:
/// reading the object reports it.
/// </para>
/// </summary>
internal static class StrictFields
{
    /// <summary>The whole object of a policy.networking.k8s.io kind.</summary>
    private sealed class AdminPolicyObject
    {
        [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
        [JsonPropertyName("kind")] public string? Kind { get; set; }
        [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; set; }
        [JsonPropertyName("spec")] public AdminPolicySpecDto? Spec { get; set; }
        [JsonPropertyName("status")] public JsonElement? Status { get; set; }
    }

    private static readonly FrozenDictionary<ResourceKind, Type> Schemas = new Dictionary<ResourceKind, Type>
    {
        [ResourceKinds.Namespaces] = typeof(V1Namespace),
        [ResourceKinds.Nodes] = typeof(V1Node),
        [ResourceKinds.Pods] = typeof(V1Pod),
        [ResourceKinds.Services] = typeof(V1Service),
        [ResourceKinds.EndpointSlices] = typeof(V1EndpointSlice),
        [ResourceKinds.Ingresses] = typeof(V1Ingress),
        [ResourceKinds.NetworkPolicies] = typeof(V1NetworkPolicy),
        [ResourceKinds.AdminNetworkPolicies] = typeof(AdminPolicyObject),
        [ResourceKinds.BaselineAdminNetworkPolicies] = typeof(AdminPolicyObject),
        [ResourceKinds.ClusterNetworkPolicies] = typeof(AdminPolicyObject),
    }.ToFrozenDictionary();

    /// <summary>Per model type: its JSON property names and their types; null for a value.</summary>
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<string, Type>?> Properties = new();

    /// <summary>Unknown fields as paths from the object ("spec.ingress[0].fromm"), in document order.</summary>
    public static List<string> Find(ResourceKind kind, JsonElement obj)
    {
        var unknown = new List<string>();
        if (Schemas.TryGetValue(kind, out var schema)) Walk(obj, schema, "", unknown);
        if (schema == typeof(AdminPolicyObject)) NotInVersion(kind, obj, unknown);
        return unknown;
    }

    /// <summary>
    /// Fields of the union schema that the object's kind and version do not have (policy.networking.k8s.io API):
    /// v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy rules have <c>ports</c> and no <c>protocols</c>, their
    /// spec no <c>tier</c>, and a BaselineAdminNetworkPolicy has no <c>priority</c>; v1alpha2 ClusterNetworkPolicy rules
    /// have <c>protocols</c> and no <c>ports</c>. Dropping such a field silently would widen the rule to every port.
    /// </summary>
    private static void NotInVersion(ResourceKind kind, JsonElement obj, List<string> unknown)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object) return;
        var v2 = kind == ResourceKinds.ClusterNetworkPolicies;
        if (!v2 && spec.TryGetProperty("tier", out _)) unknown.Add("spec.tier");
        if (kind == ResourceKinds.BaselineAdminNetworkPolicies && spec.TryGetProperty("priority", out _)) unknown.Add("spec.priority");
        foreach (var direction in (string[])["ingress", "egress"])
        {
            if (!spec.TryGetProperty(direction, out var rules) || rules.ValueKind != JsonValueKind.Array) continue;
            var i = 0;
            foreach (var rule in rules.EnumerateArray())
            {
                var field = v2 ? "ports" : "protocols";
                if (rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty(field, out _)) unknown.Add($"spec.{direction}[{i}].{field}");
                i++;
            }
        }
    }

    /// <summary>A path as System.Text.Json writes it ("$.spec.ingress[0]['odd.key']"), for finding its position.</summary>
    public static string JsonPath(string path) => "$" + (path.StartsWith('[') ? path : "." + path);

    private static void Walk(JsonElement element, Type type, string path, List<string> unknown)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ElementType(type) is { } itemType)
        {
            if (element.ValueKind != JsonValueKind.Array) return;
            var i = 0;
            foreach (var item in element.EnumerateArray()) Walk(item, itemType, $"{path}[{i++}]", unknown);
            return;
        }

        if (MapValueType(type) is { } valueType)
        {
            if (element.ValueKind != JsonValueKind.Object) return;
            foreach (var entry in element.EnumerateObject()) Walk(entry.Value, valueType, Join(path, entry.Name), unknown);
            return;
        }

        if (element.ValueKind != JsonValueKind.Object || PropertiesOf(type) is not { } properties) return;
        foreach (var field in element.EnumerateObject())
        {
            var fieldPath = Join(path, field.Name);
            if (!properties.TryGetValue(field.Name, out var fieldType))
                unknown.Add(fieldPath);
            else if (field.Value.ValueKind != JsonValueKind.Null)
                Walk(field.Value, fieldType, fieldPath, unknown);
        }
    }

    private static string Join(string path, string name) =>
        name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal) || name.Length == 0
            ? $"{path}['{name}']"
            : path.Length == 0 ? name : $"{path}.{name}";

    private static FrozenDictionary<string, Type>? PropertiesOf(Type type) => Properties.GetOrAdd(type, static t =>
    {
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(object) || t.IsValueType || t.GetCustomAttribute<JsonConverterAttribute>() is not null)
            return null;
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .ToFrozenDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.PropertyType, StringComparer.Ordinal);
    });

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        var list = type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(List<>) || d == typeof(IList<>) || d == typeof(IEnumerable<>) || d == typeof(ICollection<>) || d == typeof(IReadOnlyList<>))
            ? type
            : null;
        return list?.GetGenericArguments()[0];
    }

    private static Type? MapValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? type.GetGenericArguments()[1]
            : null;
}
