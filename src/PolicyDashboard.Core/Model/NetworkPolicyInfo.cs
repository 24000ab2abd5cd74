using System.Collections.Immutable;

namespace PolicyDashboard.Core.Model;

public enum PolicyType { Ingress, Egress }

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy as written. <see cref="PolicyTypes"/> is null when the field was omitted
/// (the defaulting rule is applied when compiling); <see cref="Ingress"/>/<see cref="Egress"/> are empty when absent.
/// </summary>
public sealed record NetworkPolicyInfo(
    ObjectMeta Meta,
    LabelSelector PodSelector,
    ImmutableArray<PolicyType>? PolicyTypes,
    ImmutableArray<NetworkPolicyRule> Ingress,
    ImmutableArray<NetworkPolicyRule> Egress)
{
    public string Name => Meta.Name;
    public string Namespace => Meta.Namespace ?? "";
    public ObjectKey Key => Meta.Key;

    /// <summary>
    /// spec.policyTypes entries that are neither Ingress nor Egress, with their index as written. They are left out of
    /// <see cref="PolicyTypes"/> and kept here so that validation rejects the policy as the API server does.
    /// </summary>
    public ImmutableArray<(int Index, string Value)> UnsupportedPolicyTypes { get; init; } = [];
}

/// <summary>
/// One ingress (from) or egress (to) rule. An empty <see cref="Peers"/> means the field was omitted or empty:
/// the rule matches every endpoint, in or outside the cluster. An empty <see cref="Ports"/> means all ports.
/// </summary>
public sealed record NetworkPolicyRule(ImmutableArray<NetworkPolicyPeer> Peers, ImmutableArray<NetworkPolicyPort> Ports);

/// <summary>
/// A peer: exactly one of (podSelector and/or namespaceSelector) or ipBlock should be set; validation reports otherwise.
/// </summary>
public sealed record NetworkPolicyPeer(LabelSelector? PodSelector, LabelSelector? NamespaceSelector, IpBlock? IpBlock);

/// <summary>An ipBlock as written: CIDR strings are parsed and checked by validation and compilation.</summary>
public sealed record IpBlock(string Cidr, ImmutableArray<string> Except);

/// <summary>A NetworkPolicyPort as written. Protocol null means TCP; Port null means every port of the protocol.</summary>
public sealed record NetworkPolicyPort(string? Protocol, IntOrString? Port, int? EndPort);
