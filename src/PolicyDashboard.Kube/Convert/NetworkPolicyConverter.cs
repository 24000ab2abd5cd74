using System.Collections.Immutable;
using k8s.Models;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Convert;

/// <summary>
/// V1NetworkPolicy → <see cref="NetworkPolicyInfo"/>, as written: omitted policyTypes stay null (the defaulting
/// rule belongs to compilation), protocol strings and CIDRs are kept verbatim so validation can report bad ones.
/// </summary>
public static class NetworkPolicyConverter
{
    public static NetworkPolicyInfo ToModel(V1NetworkPolicy policy, string? defaultNamespace = null)
    {
        var spec = policy.Spec;
        return new NetworkPolicyInfo(
            MetaConverter.ToModel(policy.Metadata, namespaced: true, defaultNamespace),
            // spec.podSelector is required; an absent one is read as {} ("selects all pods"), as the API server stores it.
            MetaConverter.ToModel(spec?.PodSelector) ?? LabelSelector.Everything,
            spec?.PolicyTypes is null ? null : spec.PolicyTypes.Select(ParsePolicyType).Where(t => t is not null).Select(t => t!.Value).ToImmutableArray(),
            MetaConverter.Map(spec?.Ingress, r => new NetworkPolicyRule(MetaConverter.Map(r.FromProperty, Peer), MetaConverter.Map(r.Ports, Port))),
            MetaConverter.Map(spec?.Egress, r => new NetworkPolicyRule(MetaConverter.Map(r.To, Peer), MetaConverter.Map(r.Ports, Port))))
        {
            UnsupportedPolicyTypes = spec?.PolicyTypes is null ? [] :
                [.. spec.PolicyTypes.Select((t, i) => (Index: i, Value: t ?? "")).Where(t => ParsePolicyType(t.Value) is null)],
        };
    }

    private static PolicyType? ParsePolicyType(string? value) => value switch
    {
        "Ingress" => PolicyType.Ingress,
        "Egress" => PolicyType.Egress,
        _ => null,
    };

    private static NetworkPolicyPeer Peer(V1NetworkPolicyPeer peer) =>
        new(MetaConverter.ToModel(peer.PodSelector),
            MetaConverter.ToModel(peer.NamespaceSelector),
            peer.IpBlock is null ? null : new IpBlock(peer.IpBlock.Cidr ?? "", peer.IpBlock.Except is null ? ImmutableArray<string>.Empty : [.. peer.IpBlock.Except]));

    private static NetworkPolicyPort Port(V1NetworkPolicyPort port) =>
        new(port.Protocol, MetaConverter.ToModel(port.Port), port.EndPort);
}
