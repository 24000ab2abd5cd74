using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Scenarios;

/// <summary>A generated cluster as model records, in a stable order (the order they should be created in).</summary>
public sealed record GeneratedCluster(
    ImmutableArray<NodeInfo> Nodes,
    ImmutableArray<string> NodePodCidrs,
    ImmutableArray<NamespaceInfo> Namespaces,
    ImmutableArray<PodInfo> Pods,
    ImmutableArray<ServiceInfo> Services,
    ImmutableArray<NetworkPolicyInfo> NetworkPolicies,
    ImmutableArray<AdminPolicyInfo> AdminPolicies)
{
    public ClusterSnapshot ToSnapshot() => ClusterSnapshot.Empty with
    {
        Version = 1,
        Nodes = Nodes.ToImmutableDictionary(n => n.Meta.Key),
        Namespaces = Namespaces.ToImmutableDictionary(n => n.Meta.Key),
        Pods = Pods.ToImmutableDictionary(p => p.Key),
        Services = Services.ToImmutableDictionary(s => s.Key),
        NetworkPolicies = NetworkPolicies.ToImmutableDictionary(p => p.Key),
        AdminPolicies = AdminPolicies.ToImmutableDictionary(p => p.Key),
    };
}
