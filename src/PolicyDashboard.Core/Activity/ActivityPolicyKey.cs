using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Activity;

/// <summary>
/// Which policy an activity entry is about: the API kind (NetworkPolicy, AdminNetworkPolicy,
/// BaselineAdminNetworkPolicy, ClusterNetworkPolicy), the namespace ("" for the cluster-scoped kinds) and the name.
/// </summary>
public readonly record struct ActivityPolicyKey(string Kind, string Namespace, string Name)
{
    public const string NetworkPolicyKind = "NetworkPolicy";

    public static ActivityPolicyKey Of(NetworkPolicyInfo policy) => new(NetworkPolicyKind, policy.Namespace, policy.Name);

    public static ActivityPolicyKey Of(AdminPolicyInfo policy) => new(policy.Kind.ToString(), "", policy.Name);

    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
