using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Policies;

/// <summary>The four places a verdict can come from, in evaluation order.</summary>
public enum PolicyTier { Admin, NetworkPolicy, Baseline, Default }

public enum PolicyKind { NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy }

/// <summary>Which policy object: namespaced NetworkPolicies by namespace/name, cluster-scoped kinds by kind and name.</summary>
public sealed record PolicyRef(PolicyKind Kind, string? Namespace, string Name, PolicyTier Tier, int? Priority = null)
{
    public static PolicyRef For(NetworkPolicyInfo policy) => new(PolicyKind.NetworkPolicy, policy.Namespace, policy.Name, PolicyTier.NetworkPolicy);

    public static PolicyRef For(AdminPolicyInfo policy) => new(
        policy.Kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => PolicyKind.AdminNetworkPolicy,
            AdminPolicyKind.BaselineAdminNetworkPolicy => PolicyKind.BaselineAdminNetworkPolicy,
            _ => PolicyKind.ClusterNetworkPolicy,
        },
        null, policy.Name,
        policy.Tier == AdminTier.Admin && policy.Kind != AdminPolicyKind.BaselineAdminNetworkPolicy ? PolicyTier.Admin : PolicyTier.Baseline,
        policy.Priority);

    /// <summary>Short tag used in explanations: ANP, BANP, CNP-Admin, CNP-Baseline, NetworkPolicy.</summary>
    public string Tag => Kind switch
    {
        PolicyKind.NetworkPolicy => "NetworkPolicy",
        PolicyKind.AdminNetworkPolicy => "ANP",
        PolicyKind.BaselineAdminNetworkPolicy => "BANP",
        _ => Tier == PolicyTier.Admin ? "CNP-Admin" : "CNP-Baseline",
    };

    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}

/// <summary>A part of a policy that could not be compiled (it matches nothing); validation and lint report these.</summary>
public sealed record CompileIssue(PolicyRef Policy, string Field, string Message)
{
    public override string ToString() => $"{Policy.Tag} {Policy}: {Field}: {Message}";
}
