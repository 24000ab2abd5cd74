using System.Collections.Immutable;

namespace PolicyDashboard.Core.Model;

/// <summary>
/// One immutable view of the cluster, swapped atomically by whoever keeps it current. Every collection is keyed
/// by <see cref="ObjectKey"/> (Namespace "" for cluster-scoped kinds); admin-tier policies by kind and name. Cheap to derive a new snapshot from
/// an old one: the immutable dictionaries share structure.
/// </summary>
public sealed record ClusterSnapshot(
    long Version,
    ImmutableDictionary<ObjectKey, NamespaceInfo> Namespaces,
    ImmutableDictionary<ObjectKey, PodInfo> Pods,
    ImmutableDictionary<ObjectKey, ServiceInfo> Services,
    ImmutableDictionary<ObjectKey, EndpointSliceInfo> EndpointSlices,
    ImmutableDictionary<ObjectKey, NodeInfo> Nodes,
    ImmutableDictionary<ObjectKey, IngressInfo> Ingresses,
    ImmutableDictionary<ObjectKey, NetworkPolicyInfo> NetworkPolicies,
    ImmutableDictionary<AdminPolicyKey, AdminPolicyInfo> AdminPolicies)
{
    public static readonly ClusterSnapshot Empty = new(0,
        ImmutableDictionary<ObjectKey, NamespaceInfo>.Empty,
        ImmutableDictionary<ObjectKey, PodInfo>.Empty,
        ImmutableDictionary<ObjectKey, ServiceInfo>.Empty,
        ImmutableDictionary<ObjectKey, EndpointSliceInfo>.Empty,
        ImmutableDictionary<ObjectKey, NodeInfo>.Empty,
        ImmutableDictionary<ObjectKey, IngressInfo>.Empty,
        ImmutableDictionary<ObjectKey, NetworkPolicyInfo>.Empty,
        ImmutableDictionary<AdminPolicyKey, AdminPolicyInfo>.Empty);
}
