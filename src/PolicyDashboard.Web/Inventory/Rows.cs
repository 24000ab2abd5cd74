using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>A namespace with how many objects of each kind it holds.</summary>
public sealed record NamespaceRow(NamespaceInfo Namespace, int Pods, int Services, int NetworkPolicies)
{
    public ObjectMeta Meta => Namespace.Meta;
    public string Name => Namespace.Name;
}

/// <summary>
/// One row of the policies list: a NetworkPolicy (namespaced) or one of the cluster-scoped admin kinds.
/// Exactly one of <see cref="NetworkPolicy"/> and <see cref="AdminPolicy"/> is set.
/// </summary>
public sealed record PolicyRow(NetworkPolicyInfo? NetworkPolicy, AdminPolicyInfo? AdminPolicy)
{
    public static PolicyRow Of(NetworkPolicyInfo policy) => new(policy, null);
    public static PolicyRow Of(AdminPolicyInfo policy) => new(null, policy);

    public ObjectMeta Meta => NetworkPolicy?.Meta ?? AdminPolicy!.Meta;
    public string Name => Meta.Name;
    public string Namespace => Meta.Namespace ?? "";

    /// <summary>The API kind, as <c>kubectl get</c> and the object reader name it.</summary>
    public string Kind => AdminPolicy is { } a ? a.Kind.ToString() : "NetworkPolicy";

    /// <summary>NetworkPolicy sits between the admin and baseline tiers of the admin kinds.</summary>
    public string Tier => AdminPolicy?.Tier.ToString() ?? "Namespace";

    public int? Priority => AdminPolicy?.Priority;

    public string Link => AdminPolicy is { } a ? Links.AdminPolicy(a.Kind, a.Name) : Links.NetworkPolicy(Namespace, Name);
}
