using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Convert;

/// <summary>The kinds the dashboard follows, in the order they are listed.</summary>
public static class ResourceKinds
{
    public static readonly ResourceKind Namespaces = new("Namespace", "", "v1", "namespaces", false,
        (o, _) => InventoryConverter.ToModel(KubernetesJson.Deserialize<V1Namespace>(o)),
        (s, c) => s with { Namespaces = ResourceKind.ApplyChanges<ObjectKey, NamespaceInfo>(s.Namespaces, c, k => k) });

    public static readonly ResourceKind Nodes = new("Node", "", "v1", "nodes", false,
        (o, _) => InventoryConverter.ToModel(KubernetesJson.Deserialize<V1Node>(o)),
        (s, c) => s with { Nodes = ResourceKind.ApplyChanges<ObjectKey, NodeInfo>(s.Nodes, c, k => k) });

    public static readonly ResourceKind Pods = new("Pod", "", "v1", "pods", true,
        (o, ns) => PodConverter.ToModel(KubernetesJson.Deserialize<V1Pod>(o), ns),
        (s, c) => s with { Pods = ResourceKind.ApplyChanges<ObjectKey, PodInfo>(s.Pods, c, k => k) });

    public static readonly ResourceKind Services = new("Service", "", "v1", "services", true,
        (o, ns) => InventoryConverter.ToModel(KubernetesJson.Deserialize<V1Service>(o), ns),
        (s, c) => s with { Services = ResourceKind.ApplyChanges<ObjectKey, ServiceInfo>(s.Services, c, k => k) });

    public static readonly ResourceKind EndpointSlices = new("EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", true,
        (o, ns) => InventoryConverter.ToModel(KubernetesJson.Deserialize<V1EndpointSlice>(o), ns),
        (s, c) => s with { EndpointSlices = ResourceKind.ApplyChanges<ObjectKey, EndpointSliceInfo>(s.EndpointSlices, c, k => k) });

    public static readonly ResourceKind Ingresses = new("Ingress", "networking.k8s.io", "v1", "ingresses", true,
        (o, ns) => InventoryConverter.ToModel(KubernetesJson.Deserialize<V1Ingress>(o), ns),
        (s, c) => s with { Ingresses = ResourceKind.ApplyChanges<ObjectKey, IngressInfo>(s.Ingresses, c, k => k) });

    public static readonly ResourceKind NetworkPolicies = new("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", true,
        (o, ns) => NetworkPolicyConverter.ToModel(KubernetesJson.Deserialize<V1NetworkPolicy>(o), ns),
        (s, c) => s with { NetworkPolicies = ResourceKind.ApplyChanges<ObjectKey, NetworkPolicyInfo>(s.NetworkPolicies, c, k => k) });

    public static readonly ResourceKind AdminNetworkPolicies = Admin("AdminNetworkPolicy", "v1alpha1", "adminnetworkpolicies", AdminPolicyKind.AdminNetworkPolicy);

    public static readonly ResourceKind BaselineAdminNetworkPolicies = Admin("BaselineAdminNetworkPolicy", "v1alpha1", "baselineadminnetworkpolicies", AdminPolicyKind.BaselineAdminNetworkPolicy);

    public static readonly ResourceKind ClusterNetworkPolicies = Admin("ClusterNetworkPolicy", "v1alpha2", "clusternetworkpolicies", AdminPolicyKind.ClusterNetworkPolicy);

    public static readonly ImmutableArray<ResourceKind> All =
    [
        Namespaces, Nodes, Pods, Services, EndpointSlices, Ingresses, NetworkPolicies,
        AdminNetworkPolicies, BaselineAdminNetworkPolicies, ClusterNetworkPolicies,
    ];

    private static readonly FrozenDictionary<string, ResourceKind> ByKind = All.ToFrozenDictionary(k => k.Kind, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ResourceKind> ByName = All
        .SelectMany(k => new[] { (k.Kind.ToLowerInvariant(), k), (k.Plural, k) })
        .ToFrozenDictionary(p => p.Item1, p => p.k, StringComparer.OrdinalIgnoreCase);

    /// <summary>By kind as written in an object ("Pod").</summary>
    public static ResourceKind? FindByKind(string? kind) => kind is not null && ByKind.TryGetValue(kind, out var k) ? k : null;

    /// <summary>By kind or plural, case-insensitive ("pod", "Pod", "pods").</summary>
    public static ResourceKind? FindByName(string? name) => name is not null && ByName.TryGetValue(name, out var k) ? k : null;

    private static ResourceKind Admin(string kind, string version, string plural, AdminPolicyKind modelKind) =>
        new(kind, AdminPolicyConverter.Group, version, plural, false,
            (o, _) => AdminPolicyConverter.ToModel(o, modelKind),
            (s, c) => s with
            {
                AdminPolicies = ResourceKind.ApplyChanges<AdminPolicyKey, AdminPolicyInfo>(s.AdminPolicies, c, k => new AdminPolicyKey(modelKind, k.Name)),
            });
}
