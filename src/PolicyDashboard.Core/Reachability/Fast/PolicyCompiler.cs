using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>One policy over a partition: the classes it applies to and its rules per direction.</summary>
internal sealed record CompiledFastPolicy(
    string Id,
    PolicyRef Ref,
    int Priority,
    ClassSet Subjects,
    bool IsolatesIngress,
    bool IsolatesEgress,
    ImmutableArray<FastRule> Ingress,
    ImmutableArray<FastRule> Egress,
    PartitionNeeds Needs);

/// <summary>
/// Translates policies compiled by <see cref="NetworkPolicyCompiler"/> and <see cref="AdminPolicyCompiler"/> —
/// whose matchers carry the semantics, validity rules and defaults — into class sets and port sets. Each matcher
/// variant maps to one set; nothing here re-reads the raw spec.
/// </summary>
internal sealed class PolicyCompiler
{
    private readonly SelectorResolver _resolver;
    private readonly NodeIndex _nodes;
    private readonly Dictionary<IpRangeSet, int> _ipSetIds = [];
    private int _nextRuleId;

    public PolicyCompiler(SelectorResolver resolver, NodeIndex nodes, PartitionNeeds needs, int firstRuleId = 0)
    {
        _resolver = resolver;
        _nodes = nodes;
        for (var i = 0; i < needs.IpSets.Count; i++) _ipSetIds.TryAdd(needs.IpSets[i], i);
        _nextRuleId = firstRuleId;
    }

    public int NextRuleId => _nextRuleId;

    public static string IdOf(PolicyRef p) => p.Kind + ":" + p.Namespace + "/" + p.Name;

    public CompiledFastPolicy Translate(CompiledNetworkPolicy policy, PartitionNeeds needs)
    {
        // "podSelector selects the pods to which this NetworkPolicy object applies" in the policy's namespace.
        var subjects = _resolver.PodsInNamespace(policy.Namespace, policy.PodSelector);
        var id = IdOf(policy.Ref);
        return new CompiledFastPolicy(id, policy.Ref, 0, subjects, policy.AffectsIngress, policy.AffectsEgress,
            policy.AffectsIngress ? Rules(id, policy.Ref, policy.IngressRules, 0) : [],
            policy.AffectsEgress ? Rules(id, policy.Ref, policy.EgressRules, 0) : [],
            needs);
    }

    public CompiledFastPolicy Translate(CompiledAdminPolicy policy, PartitionNeeds needs)
    {
        var id = IdOf(policy.Ref);
        return new CompiledFastPolicy(id, policy.Ref, policy.Priority, Peer(policy.Subject).Pods, false, false,
            Rules(id, policy.Ref, policy.IngressRules, policy.Priority),
            Rules(id, policy.Ref, policy.EgressRules, policy.Priority),
            needs);
    }

    private ImmutableArray<FastRule> Rules(string id, PolicyRef policy, ImmutableArray<CompiledRule> rules, int priority)
    {
        var list = ImmutableArray.CreateBuilder<FastRule>(rules.Length);
        foreach (var r in rules)
            list.Add(new FastRule(_nextRuleId++, id, policy, r, [.. r.Peers.Select(Peer)], Ports(r.Ports), priority));
        return list.MoveToImmutable();
    }

    private FastPeer Peer(PeerMatcher peer)
    {
        switch (peer)
        {
            case AllPeers:
                return FastPeer.Anything;
            case PodPeer { Namespaces: NamespaceScope.Same same } pp:
                return new FastPeer(_resolver.PodsInNamespace(same.Namespace, pp.Pods), IpRangeSet.Empty, false, pp);
            case PodPeer { Namespaces: NamespaceScope.Selected sel } pp:
                return new FastPeer(_resolver.Pods(sel.Selector, pp.Pods), IpRangeSet.Empty, false, pp);
            case NodePeer np:
                // Node addresses for endpoints outside the pod network; host-network pods through their node.
                return new FastPeer(_resolver.HostPodsOnNodes(np.Selector, _nodes), _nodes.AddressesOf(np.Selector), false, np);
            case IpBlockPeer or NetworksPeer:
                // Any endpoint with a matching address, pods included ("a pod with several IPs matches when any of them does").
                var set = NeedsCollector.AddressesOf(peer, _nodes)!;
                var pods = _ipSetIds.TryGetValue(set, out var ipId) ? _resolver.PodsWithAddressIn(ipId) : ClassSet.Empty;
                return new FastPeer(pods, set, false, peer);
            default:
                return FastPeer.Nothing;
        }
    }

    private static FastPorts Ports(PortMatcher ports)
    {
        var numeric = PortSet.Empty;
        var named = ImmutableArray.CreateBuilder<NamedPortRef>();
        void Add(PortMatcher p)
        {
            switch (p)
            {
                case AllPorts: numeric = PortSet.All; break;
                case AllPortsOfProtocol a: numeric = numeric.Union(PortSet.AllOf(a.Protocol)); break;
                case SpecificPort s: numeric = numeric.Union(PortSet.Single(s.Protocol, s.Port)); break;
                case PortRange r: numeric = numeric.Union(PortSet.Range(r.Protocol, r.Start, r.End)); break;
                case NamedPort n: named.Add(new NamedPortRef(n.Name, n.Protocol)); break;
                case AnyPort any: foreach (var q in any.Ports) Add(q); break;
                default: break; // NoPorts: matches no traffic
            }
        }
        Add(ports);
        return numeric.Equals(PortSet.All) ? FastPorts.All : new FastPorts(numeric, named.ToImmutable());
    }
}
