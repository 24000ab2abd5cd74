using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Web.Inventory;

namespace PolicyDashboard.Web.Components.Reachability;

/// <summary>The detail page of a policy named by a <see cref="PolicyRef"/>.</summary>
public static class PolicyLink
{
    public static string For(PolicyRef policy) => policy.Kind switch
    {
        PolicyKind.NetworkPolicy => Links.NetworkPolicy(policy.Namespace ?? "", policy.Name),
        PolicyKind.AdminNetworkPolicy => Links.AdminPolicy(AdminPolicyKind.AdminNetworkPolicy, policy.Name),
        PolicyKind.BaselineAdminNetworkPolicy => Links.AdminPolicy(AdminPolicyKind.BaselineAdminNetworkPolicy, policy.Name),
        _ => Links.AdminPolicy(AdminPolicyKind.ClusterNetworkPolicy, policy.Name),
    };
}
