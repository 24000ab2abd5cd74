using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>The kinds of peer the builder offers, each one shape of NetworkPolicyPeer.</summary>
public enum PeerKind
{
    /// <summary>podSelector only: pods of the policy's own namespace.</summary>
    PodsInNamespace,
    /// <summary>namespaceSelector only: every pod of the matching namespaces.</summary>
    Namespaces,
    /// <summary>podSelector and namespaceSelector in one peer: the matching pods of the matching namespaces (AND).</summary>
    PodsInNamespaces,
    /// <summary>ipBlock: addresses inside cidr and outside every except.</summary>
    IpBlock,
}

/// <summary>One peer of a rule being built.</summary>
public sealed class PeerForm
{
    public PeerKind Kind { get; set; } = PeerKind.PodsInNamespace;
    public SelectorForm Pods { get; set; } = new();
    public SelectorForm Namespaces { get; set; } = new();
    public string Cidr { get; set; } = "";

    /// <summary>The except CIDRs, one entry each.</summary>
    public List<string> Except { get; } = [];

    public NetworkPolicyPeer ToPeer() => Kind switch
    {
        PeerKind.PodsInNamespace => new NetworkPolicyPeer(Pods.ToSelector(), null, null),
        PeerKind.Namespaces => new NetworkPolicyPeer(null, Namespaces.ToSelector(), null),
        PeerKind.PodsInNamespaces => new NetworkPolicyPeer(Pods.ToSelector(), Namespaces.ToSelector(), null),
        _ => new NetworkPolicyPeer(null, null, new IpBlock(Cidr.Trim(),
            [.. Except.Select(e => e.Trim()).Where(e => e.Length > 0)])),
    };

    public static PeerForm From(NetworkPolicyPeer peer)
    {
        var form = new PeerForm
        {
            Kind = peer switch
            {
                { IpBlock: not null } => PeerKind.IpBlock,
                { PodSelector: not null, NamespaceSelector: not null } => PeerKind.PodsInNamespaces,
                { NamespaceSelector: not null } => PeerKind.Namespaces,
                _ => PeerKind.PodsInNamespace,
            },
            Pods = SelectorForm.From(peer.PodSelector),
            Namespaces = SelectorForm.From(peer.NamespaceSelector),
            Cidr = peer.IpBlock?.Cidr ?? "",
        };
        if (peer.IpBlock is { Except: { IsDefault: false } except }) form.Except.AddRange(except);
        return form;
    }

    public PeerForm Copy()
    {
        var copy = new PeerForm { Kind = Kind, Pods = Pods.Copy(), Namespaces = Namespaces.Copy(), Cidr = Cidr };
        copy.Except.AddRange(Except);
        return copy;
    }
}
