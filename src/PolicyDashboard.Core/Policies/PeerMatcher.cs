using System.Collections.Immutable;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// Answers one question: is this endpoint (the other side of the connection) one of the rule's peers?
/// Each variant is one kind of peer in the API.
/// </summary>
public abstract record PeerMatcher
{
    private protected PeerMatcher() { }

    public abstract bool Matches(EndpointFacts peer);
}

/// <summary>
/// NetworkPolicy rule with no (or an empty) from/to: "If this field is empty or missing, this rule matches all
/// sources/destinations" — pods and every endpoint outside the cluster.
/// </summary>
public sealed record AllPeers : PeerMatcher
{
    public static readonly AllPeers Instance = new();
    public override bool Matches(EndpointFacts peer) => true;
    public override string ToString() => "everything";
}

/// <summary>A peer that could not be compiled (invalid or of an unknown kind): it matches nothing.</summary>
public sealed record NoPeers(string Reason) : PeerMatcher
{
    public override bool Matches(EndpointFacts peer) => false;
    public override string ToString() => $"nothing ({Reason})";
}

/// <summary>
/// podSelector and/or namespaceSelector (NetworkPolicy), namespaces / pods (ANP, BANP, CNP). Both selectors
/// must hold (AND). Only pods on the pod network match: "host-networked pods are not included in this type of
/// peer", and endpoints outside the cluster never do.
/// </summary>
public sealed record PodPeer(NamespaceScope Namespaces, CompiledSelector Pods) : PeerMatcher
{
    public override bool Matches(EndpointFacts peer) =>
        peer.IsSelectablePod && Namespaces.Matches(peer.Namespace!, peer.NamespaceLabels) && Pods.Matches(peer.PodLabels);

    public override string ToString() =>
        Pods.MatchesEverything ? $"all pods in {Namespaces}" : $"pods [{Pods}] in {Namespaces}";
}

/// <summary>
/// NetworkPolicy ipBlock: addresses in <see cref="Block"/> and in none of <see cref="Except"/>. Applies to any
/// endpoint with such an address. The concepts page advises cluster-external ranges ("Pod IPs are ephemeral and
/// unpredictable"), but nothing exempts pod addresses and the upstream e2e tests ("should allow egress access to
/// server in CIDR block", "should enforce except clause …") expect pod IPs to match, so they do.
/// A pod with several IPs (dual stack) matches when any of them does.
/// </summary>
public sealed record IpBlockPeer(Cidr Block, ImmutableArray<Cidr> Except) : PeerMatcher
{
    public override bool Matches(EndpointFacts peer)
    {
        foreach (var ip in peer.Ips)
            if (Contains(ip)) return true;
        return false;
    }

    public bool Contains(IpAddr ip)
    {
        if (!Block.Contains(ip)) return false;
        foreach (var e in Except)
            if (e.Contains(ip)) return false;
        return true;
    }

    public override string ToString() =>
        Except.IsEmpty ? $"ipBlock {Block}" : $"ipBlock {Block} except {string.Join(", ", Except)}";
}

/// <summary>
/// ANP/CNP egress peer networks: "selects peers via CIDR blocks … cluster-internal traffic will be checked against
/// the rule as well" — so pod IPs and node IPs match too.
/// </summary>
public sealed record NetworksPeer(ImmutableArray<Cidr> Blocks) : PeerMatcher
{
    public override bool Matches(EndpointFacts peer)
    {
        foreach (var ip in peer.Ips)
            foreach (var block in Blocks)
                if (block.Contains(ip)) return true;
        return false;
    }

    public override string ToString() => $"networks {string.Join(", ", Blocks)}";
}

/// <summary>
/// ANP/CNP egress peer nodes: "selects the nodeIPs as the peer type by matching on the IPs present in the
/// node.Status.Addresses field" of nodes whose labels match. A host-network pod uses its node's IPs.
/// </summary>
public sealed record NodePeer(CompiledSelector Selector) : PeerMatcher
{
    public override bool Matches(EndpointFacts peer)
    {
        foreach (var node in peer.Nodes)
            if (Selector.Matches(node.Labels)) return true;
        return false;
    }

    public override string ToString() => Selector.MatchesEverything ? "all nodes" : $"nodes [{Selector}]";
}
