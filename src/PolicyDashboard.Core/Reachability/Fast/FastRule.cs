using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// One peer after compilation: the pod classes it matches (by selectors or by the IP sets their addresses fall in)
/// and the addresses it matches for endpoints outside the cluster. <see cref="Any"/> is a rule without peers:
/// "If this field is empty or missing, this rule matches all sources" — pods, nodes and external addresses alike.
/// </summary>
public sealed class FastPeer
{
    public static readonly FastPeer Anything = new(ClassSet.Empty, IpRangeSet.Empty, true, AllPeers.Instance);
    public static readonly FastPeer Nothing = new(ClassSet.Empty, IpRangeSet.Empty, false, new NoPeers("nothing"));

    internal FastPeer(ClassSet pods, IpRangeSet ips, bool any, PeerMatcher source)
    {
        Pods = pods;
        Ips = ips;
        Any = any;
        Source = source;
    }

    /// <summary>The reference matcher this peer was made from (its text is the peer's description).</summary>
    public PeerMatcher Source { get; }

    public ClassSet Pods { get; }
    public IpRangeSet Ips { get; }
    public bool Any { get; }
    public override string ToString() => Source.ToString()!;

    public bool MatchesClass(int classId) => Any || Pods.Contains(classId);
    public bool MatchesAddress(IpAddr ip) => Any || Ips.Contains(ip);
}

/// <summary>A named port still to be resolved on the destination; Protocol null = whatever the container port says (ANP).</summary>
public readonly record struct NamedPortRef(string Name, Protocol? Protocol);

/// <summary>The ports of a rule: numeric ports and ranges as a set, named ports kept for per-destination resolution.</summary>
public sealed class FastPorts
{
    public static readonly FastPorts All = new(PortSet.All, []);

    public FastPorts(PortSet numeric, ImmutableArray<NamedPortRef> named)
    {
        Numeric = numeric;
        Named = named;
    }

    public PortSet Numeric { get; }
    public ImmutableArray<NamedPortRef> Named { get; }

    /// <summary>The ports this rule covers toward a destination pod of class <paramref name="destination"/> (null = an address outside the cluster, where names never resolve).</summary>
    public PortSet For(PodClass? destination)
    {
        if (Named.IsEmpty || destination is null) return Numeric;
        var set = Numeric;
        foreach (var n in Named) set = set.Union(destination.Resolve(n.Name, n.Protocol));
        return set;
    }

    public bool Matches(Protocol protocol, int port, PodClass? destination)
    {
        if (Numeric.Contains(protocol, port)) return true;
        if (destination is null) return false;
        foreach (var n in Named)
            if (destination.Resolve(n.Name, n.Protocol).Contains(protocol, port)) return true;
        return false;
    }
}

/// <summary>
/// A rule over pod classes, made from the <see cref="CompiledRule"/> the reference compilers produced (so validity,
/// defaults and fail-closed handling are theirs): its peers as class sets and address sets, its ports as port sets.
/// </summary>
public sealed class FastRule
{
    internal FastRule(int id, string policyId, PolicyRef policy, CompiledRule rule, ImmutableArray<FastPeer> peers, FastPorts ports, int priority)
    {
        Id = id;
        PolicyId = policyId;
        Policy = policy;
        Rule = rule;
        Peers = peers;
        Ports = ports;
        Priority = priority;
    }

    internal int Id { get; }
    /// <summary>The compiled policy this rule belongs to (unique across kinds).</summary>
    internal string PolicyId { get; }
    public PolicyRef Policy { get; }
    public CompiledRule Rule { get; }
    public PolicyTier Tier => Policy.Tier;
    public AdminAction Action => Rule.Action;
    public ImmutableArray<FastPeer> Peers { get; }
    public FastPorts Ports { get; }
    internal int Priority { get; }

    /// <summary>
    /// Admin and baseline tiers: the reference order (<see cref="CompiledAdminPolicy.EvaluationOrder"/>: priority, kind,
    /// name), then rule order. NetworkPolicy rules are a union; they are kept by namespace/name for explanations.
    /// </summary>
    internal static readonly Comparison<FastRule> EvaluationOrder = (a, b) =>
    {
        var c = a.Priority.CompareTo(b.Priority);
        if (c == 0) c = a.Policy.Kind.CompareTo(b.Policy.Kind);
        if (c == 0) c = string.CompareOrdinal(a.Policy.Namespace, b.Policy.Namespace);
        if (c == 0) c = string.CompareOrdinal(a.Policy.Name, b.Policy.Name);
        return c != 0 ? c : a.Rule.Index.CompareTo(b.Rule.Index);
    };

    /// <summary>The first peer matching a pod of class <paramref name="classId"/>, or -1.</summary>
    public int MatchClass(int classId)
    {
        for (var i = 0; i < Peers.Length; i++) if (Peers[i].MatchesClass(classId)) return i;
        return -1;
    }

    public int MatchAddress(IpAddr ip)
    {
        for (var i = 0; i < Peers.Length; i++) if (Peers[i].MatchesAddress(ip)) return i;
        return -1;
    }

    public override string ToString() => RuleRef.For(Policy, Rule, -1).ToString();
}
