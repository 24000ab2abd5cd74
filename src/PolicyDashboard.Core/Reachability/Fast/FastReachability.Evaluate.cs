using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>One side of a connection as the fast engine sees it: a pod of a class, or an address outside the cluster.</summary>
public readonly record struct FastEndpoint(int PodIndex, int ClassId, IpAddr Address)
{
    public bool IsPod => ClassId >= 0;
    public static FastEndpoint External(IpAddr address) => new(-1, -1, address);
}

public sealed partial class FastReachability
{
    public FastEndpoint PodEndpoint(int podIndex) => new(podIndex, Partition.ClassOfPod(podIndex), default);

    public bool TryGetPod(ObjectKey key, out FastEndpoint endpoint)
    {
        endpoint = default;
        if (!Partition.TryGetPodIndex(key, out var index)) return false;
        endpoint = PodEndpoint(index);
        return true;
    }

    /// <summary>
    /// Ingress at <paramref name="destination"/>: admin tier first match (Allow and Deny final, Pass skips to
    /// NetworkPolicy), then the NetworkPolicies isolating the pod (the union of their rules), and only where none
    /// isolates it the baseline tier; with no match anywhere the connection is allowed.
    /// </summary>
    public FastDecision IngressDecision(FastEndpoint source, FastEndpoint destination, Protocol protocol, int port)
    {
        if (!destination.IsPod) return new(true, FastReason.External, null, -1, null);
        var dest = Partition.Classes[destination.ClassId];
        if (dest.HostNetwork) return new(true, FastReason.HostNetwork, null, -1, null);
        return Decide(Ingress[destination.ClassId], source, dest, protocol, port);
    }

    /// <summary>Egress at <paramref name="source"/>, with named ports resolved on the destination pod.</summary>
    public FastDecision EgressDecision(FastEndpoint source, FastEndpoint destination, Protocol protocol, int port)
    {
        if (!source.IsPod) return new(true, FastReason.External, null, -1, null);
        var src = Partition.Classes[source.ClassId];
        if (src.HostNetwork) return new(true, FastReason.HostNetwork, null, -1, null);
        var dest = destination.IsPod ? Partition.Classes[destination.ClassId] : null;
        return Decide(Egress[source.ClassId], destination, dest, protocol, port);
    }

    private static int MatchPeer(FastRule rule, FastEndpoint peer) =>
        peer.IsPod ? rule.MatchClass(peer.ClassId) : rule.MatchAddress(peer.Address);

    private static FastDecision Decide(DirectionProgram program, FastEndpoint peer, PodClass? destination, Protocol protocol, int port)
    {
        if (program.IsOpen) return new(true, FastReason.NotIsolated, null, -1, null);
        FastRule? passedBy = null;
        foreach (var rule in program.Admin)
        {
            if (!rule.Ports.Matches(protocol, port, destination)) continue;
            var peerIndex = MatchPeer(rule, peer);
            if (peerIndex < 0) continue;
            if (rule.Action == AdminAction.Pass) { passedBy = rule; break; }
            return new(rule.Action == AdminAction.Allow, rule.Action == AdminAction.Allow ? FastReason.AdminAllowed : FastReason.AdminDenied, rule, peerIndex, null);
        }
        if (program.Isolated)
        {
            foreach (var rule in program.NetworkPolicy)
            {
                if (!rule.Ports.Matches(protocol, port, destination)) continue;
                var peerIndex = MatchPeer(rule, peer);
                if (peerIndex >= 0) return new(true, FastReason.NetworkPolicyAllowed, rule, peerIndex, passedBy);
            }
            return new(false, FastReason.NetworkPolicyDenied, null, -1, passedBy);
        }
        foreach (var rule in program.Baseline)
        {
            if (!rule.Ports.Matches(protocol, port, destination)) continue;
            var peerIndex = MatchPeer(rule, peer);
            if (peerIndex < 0) continue;
            // Pass in the baseline tier has nowhere further to go: the default (allow) applies.
            if (rule.Action == AdminAction.Pass) break;
            return new(rule.Action == AdminAction.Allow, rule.Action == AdminAction.Allow ? FastReason.BaselineAllowed : FastReason.BaselineDenied, rule, peerIndex, passedBy);
        }
        return new(true, FastReason.NotIsolated, null, -1, passedBy);
    }

    /// <summary>
    /// Every (protocol, port) one direction allows between two endpoints, computed on port intervals: the same
    /// tiers as <see cref="Decide"/>, applied to whole port sets instead of one port.
    /// </summary>
    public PortSet AllowedPorts(Direction direction, FastEndpoint source, FastEndpoint destination)
    {
        DirectionProgram program;
        FastEndpoint peer;
        PodClass? destClass = destination.IsPod ? Partition.Classes[destination.ClassId] : null;
        if (direction == Direction.Ingress)
        {
            if (destClass is null || destClass.HostNetwork) return PortSet.All;
            program = Ingress[destination.ClassId];
            peer = source;
        }
        else
        {
            if (!source.IsPod || Partition.Classes[source.ClassId].HostNetwork) return PortSet.All;
            program = Egress[source.ClassId];
            peer = destination;
        }
        if (program.IsOpen) return PortSet.All;

        var allowed = PortSet.Empty;
        var undecided = PortSet.All;
        var passed = PortSet.Empty;
        foreach (var rule in program.Admin)
        {
            if (MatchPeer(rule, peer) < 0) continue;
            var matched = rule.Ports.For(destClass).Intersect(undecided);
            if (matched.IsEmpty) continue;
            if (rule.Action == AdminAction.Allow) allowed = allowed.Union(matched);
            else if (rule.Action == AdminAction.Pass) passed = passed.Union(matched);
            undecided = undecided.Except(matched);
        }
        var toNetworkPolicy = undecided.Union(passed);
        if (program.Isolated)
        {
            var np = PortSet.Empty;
            foreach (var rule in program.NetworkPolicy)
                if (MatchPeer(rule, peer) >= 0) np = np.Union(rule.Ports.For(destClass));
            return allowed.Union(np.Intersect(toNetworkPolicy));
        }
        var open = toNetworkPolicy;
        foreach (var rule in program.Baseline)
        {
            if (MatchPeer(rule, peer) < 0) continue;
            var matched = rule.Ports.For(destClass).Intersect(open);
            if (matched.IsEmpty) continue;
            // Pass in the baseline tier has nowhere further to go: the default (allow) applies to what it matched.
            if (rule.Action != AdminAction.Deny) allowed = allowed.Union(matched);
            open = open.Except(matched);
        }
        return allowed.Union(open);
    }
}

public sealed partial class FastReachability
{
    /// <summary>
    /// The connection verdict without the trail: a pod reaching itself is allowed when it has an IP; a pod without
    /// an IP can neither be reached nor send; otherwise egress at the source AND ingress at the destination.
    /// An address that belongs to a pod must be passed as that pod (see <see cref="FastEngine"/>).
    /// </summary>
    public bool Allowed(FastEndpoint source, FastEndpoint destination, Protocol protocol, int port)
    {
        var classes = Partition.Classes;
        if (destination.IsPod && !classes[destination.ClassId].HasIp) return false;
        if (source.IsPod && destination.IsPod && source.PodIndex == destination.PodIndex) return true;
        if (source.IsPod && !classes[source.ClassId].HasIp) return false;
        return EgressDecision(source, destination, protocol, port).Allowed && IngressDecision(source, destination, protocol, port).Allowed;
    }

    /// <summary>
    /// The address ranges policies name (ipBlocks, ANP/CNP networks, node addresses), one representative address each
    /// (the first of the range): the external endpoints a matrix can show next to the pods.
    /// </summary>
    public IReadOnlyList<(IpRangeSet Range, IpAddr Representative)> ExternalRanges() =>
        [.. Partition.Needs.IpSets.Where(s => !s.IsEmpty).Select(s => (s, s.Ranges[0].Lo))];
}
