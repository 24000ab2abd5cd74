using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Reads from compiled policies what they look at — pod label keys, port names, IP sets — before any class exists:
/// exactly what may split pods into different classes.
/// </summary>
internal static class NeedsCollector
{
    public static PartitionNeeds Of(CompiledNetworkPolicy policy, NodeIndex nodes)
    {
        var acc = new Acc(nodes);
        acc.Keys.UnionWith(policy.PodSelector.Keys);
        foreach (var r in policy.IngressRules) acc.Rule(r);
        foreach (var r in policy.EgressRules) acc.Rule(r);
        return acc.ToNeeds();
    }

    public static PartitionNeeds Of(CompiledAdminPolicy policy, NodeIndex nodes)
    {
        var acc = new Acc(nodes);
        acc.Peer(policy.Subject);
        foreach (var r in policy.IngressRules) acc.Rule(r);
        foreach (var r in policy.EgressRules) acc.Rule(r);
        return acc.ToNeeds();
    }

    /// <summary>The address set of an IP-based peer (ipBlock, networks, nodes), or null for other peers.</summary>
    public static IpRangeSet? AddressesOf(PeerMatcher peer, NodeIndex nodes) => peer switch
    {
        IpBlockPeer b => IpRangeSet.Of(b.Block, b.Except),
        NetworksPeer n => IpRangeSet.Of(n.Blocks),
        NodePeer n => nodes.AddressesOf(n.Selector),
        _ => null,
    };

    public static PartitionNeeds Union(IEnumerable<PartitionNeeds> all)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var ips = new List<IpRangeSet>();
        var seen = new HashSet<IpRangeSet>();
        foreach (var n in all)
        {
            keys.UnionWith(n.PodLabelKeys);
            names.UnionWith(n.PortNames);
            foreach (var s in n.IpSets)
                if (!s.IsEmpty && seen.Add(s)) ips.Add(s);
        }
        return new PartitionNeeds(keys, names, ips);
    }

    private sealed class Acc(NodeIndex nodes)
    {
        public readonly HashSet<string> Keys = new(StringComparer.Ordinal);
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);
        private readonly List<IpRangeSet> _ips = [];

        public void Rule(CompiledRule rule)
        {
            foreach (var p in rule.Peers) Peer(p);
            Port(rule.Ports);
        }

        public void Peer(PeerMatcher peer)
        {
            if (peer is PodPeer pp) Keys.UnionWith(pp.Pods.Keys);
            else if (AddressesOf(peer, nodes) is { IsEmpty: false } set) _ips.Add(set);
        }

        private void Port(PortMatcher port)
        {
            if (port is NamedPort n) _names.Add(n.Name);
            else if (port is AnyPort any) foreach (var p in any.Ports) Port(p);
        }

        public PartitionNeeds ToNeeds() => new(Keys, _names, _ips);
    }
}

/// <summary>Nodes by name and by address, for <c>nodes</c> peers (which match node addresses and host-network pods).</summary>
internal sealed class NodeIndex
{
    private readonly Dictionary<string, NodeInfo> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<IpAddr, List<NodeInfo>> _byIp = [];
    private readonly Dictionary<string, IpRangeSet> _addresses = new(StringComparer.Ordinal);
    // Policies compile on two threads during a build; node peers are rare, so one lock is enough.
    private readonly Lock _gate = new();

    public NodeIndex(ClusterSnapshot snapshot)
    {
        foreach (var node in snapshot.Nodes.Values)
        {
            _byName[node.Name] = node;
            foreach (var text in node.Ips.IsDefault ? [] : node.Ips)
                if (IpAddr.TryParse(text, out var ip))
                {
                    if (!_byIp.TryGetValue(ip, out var list)) _byIp[ip] = list = [];
                    list.Add(node);
                }
        }
    }

    /// <summary>Every address of every node whose labels match: an external endpoint with one of them is that node.</summary>
    public IpRangeSet AddressesOf(CompiledSelector selector)
    {
        var key = selector.MatchesNothing ? "\u0000" : selector.ToString();
        lock (_gate)
        {
            if (_addresses.TryGetValue(key, out var cached)) return cached;
            var ips = _byIp.Where(p => p.Value.Any(n => selector.Matches(n.Labels))).Select(p => p.Key);
            return _addresses[key] = IpRangeSet.Of(ips);
        }
    }

    /// <summary>A host-network pod uses its node's addresses: it is that node (by name) and any node owning one of its IPs.</summary>
    public bool HostMatches(PodClass hostPod, CompiledSelector selector)
    {
        if (hostPod.Representative.NodeName is { } name && _byName.TryGetValue(name, out var node) && selector.Matches(node.Labels)) return true;
        foreach (var ip in hostPod.Ips)
            if (_byIp.TryGetValue(ip, out var list) && list.Any(n => selector.Matches(n.Labels))) return true;
        return false;
    }
}
