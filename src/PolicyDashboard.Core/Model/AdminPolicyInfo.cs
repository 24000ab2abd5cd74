using System.Collections.Immutable;

namespace PolicyDashboard.Core.Model;

/// <summary>Which API object an admin-tier policy came from.</summary>
public enum AdminPolicyKind
{
    /// <summary>policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy (tier Admin, actions Allow/Deny/Pass).</summary>
    AdminNetworkPolicy,
    /// <summary>policy.networking.k8s.io/v1alpha1 BaselineAdminNetworkPolicy (tier Baseline, actions Allow/Deny; singleton "default").</summary>
    BaselineAdminNetworkPolicy,
    /// <summary>policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicy (spec.tier Admin or Baseline, actions Accept/Deny/Pass).</summary>
    ClusterNetworkPolicy,
}

public enum AdminTier { Admin, Baseline }

/// <summary>Rule actions. v1alpha1 "Allow" and v1alpha2 "Accept" both map to <see cref="Allow"/>.</summary>
public enum AdminAction { Allow, Deny, Pass }

/// <summary>
/// An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy as written, in one shape.
/// Priority is null for BANP (it has none). Action strings are kept as written for validation.
/// </summary>
public sealed record AdminPolicyInfo(
    ObjectMeta Meta,
    AdminPolicyKind Kind,
    AdminTier Tier,
    int? Priority,
    AdminSubject Subject,
    ImmutableArray<AdminRule> Ingress,
    ImmutableArray<AdminRule> Egress)
{
    public string Name => Meta.Name;
    public AdminPolicyKey Key => new(Kind, Meta.Name);
}

/// <summary>Admin-tier policies are cluster-scoped and the three kinds may share names ("default").</summary>
public readonly record struct AdminPolicyKey(AdminPolicyKind Kind, string Name)
{
    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>subject: exactly one of namespaces (all pods in matching namespaces) or pods.</summary>
public sealed record AdminSubject(LabelSelector? Namespaces, NamespacedPodSelector? Pods);

public sealed record NamespacedPodSelector(LabelSelector NamespaceSelector, LabelSelector PodSelector);

/// <summary>One rule; <see cref="Ports"/> null = all ports (the field was omitted).</summary>
public sealed record AdminRule(
    string? Name,
    string Action,
    ImmutableArray<AdminPeer> Peers,
    ImmutableArray<AdminPort>? Ports);

/// <summary>
/// A peer: exactly one of namespaces, pods, nodes (egress only), networks (egress only; CIDR strings).
/// </summary>
public sealed record AdminPeer(
    LabelSelector? Namespaces,
    NamespacedPodSelector? Pods,
    LabelSelector? Nodes,
    ImmutableArray<string>? Networks);

/// <summary>portNumber / portRange / namedPort (v1alpha1 ports; v1alpha2 protocols map onto the same three).</summary>
public abstract record AdminPort
{
    public sealed record Number(string Protocol, int Port) : AdminPort;
    public sealed record Range(string Protocol, int Start, int End) : AdminPort;
    public sealed record Named(string Name) : AdminPort;
}
