using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// One ingress or egress rule, compiled. Traffic matches when the other endpoint matches any peer (peers are ORed)
/// and the port matches any port entry. <see cref="PeersOmitted"/> marks a NetworkPolicy rule without from/to, whose
/// single peer is <see cref="AllPeers"/>; explanations then name the rule without a peer index.
/// NetworkPolicy rules always have <see cref="AdminAction.Allow"/>.
/// </summary>
public sealed record CompiledRule(
    Direction Direction,
    int Index,
    string? Name,
    AdminAction Action,
    ImmutableArray<PeerMatcher> Peers,
    PortMatcher Ports,
    bool PeersOmitted = false)
{
    /// <summary>The index of the first peer that matches, or -1 when the rule does not match this traffic.</summary>
    public int MatchingPeer(EndpointFacts peer, int port, Protocol protocol, EndpointFacts destination)
    {
        if (!Ports.Matches(port, protocol, destination)) return -1;
        for (var i = 0; i < Peers.Length; i++)
            if (Peers[i].Matches(peer)) return i;
        return -1;
    }

    public bool Matches(EndpointFacts peer, int port, Protocol protocol, EndpointFacts destination) =>
        MatchingPeer(peer, port, protocol, destination) >= 0;

    /// <summary>Field path of the rule and peer: <c>ingress[0].from[1]</c>, <c>egress[2].to[0]</c>, or <c>ingress[3]</c>.</summary>
    public string Path(int peerIndex)
    {
        var rule = Direction == Direction.Ingress ? $"ingress[{Index}]" : $"egress[{Index}]";
        if (PeersOmitted || peerIndex < 0) return rule;
        return Direction == Direction.Ingress ? $"{rule}.from[{peerIndex}]" : $"{rule}.to[{peerIndex}]";
    }
}
