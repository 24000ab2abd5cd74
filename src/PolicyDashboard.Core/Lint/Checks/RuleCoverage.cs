using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// Whether one rule matches at least everything another matches, with peers resolved against the snapshot's pods
/// (so "covers" holds for the cluster as it is now) and addresses and ports compared as sets.
/// </summary>
internal static class RuleCoverage
{
    /// <summary>A resolved peer list: null pod/node sets mean "any endpoint" (a rule without peers).</summary>
    internal sealed record Peers(HashSet<ObjectKey>? Pods, HashSet<string> Nodes, List<(CidrValue Cidr, List<CidrValue> Except)> Blocks)
    {
        public bool Any => Pods is null;
        public bool MatchesNothing => Pods is { Count: 0 } && Nodes.Count == 0 && Blocks.Count == 0;
    }

    public static Peers Resolve(LintContext context, NetworkPolicyRule rule, string policyNamespace)
    {
        if (rule.Peers.IsDefaultOrEmpty) return new Peers(null, [], []);
        var pods = new HashSet<ObjectKey>();
        var blocks = new List<(CidrValue, List<CidrValue>)>();
        foreach (var peer in rule.Peers)
        {
            if (peer.IpBlock is { } block)
            {
                if (CidrSyntax.ParseLegacy(block.Cidr) is { } cidr)
                    blocks.Add((cidr, [.. (block.Except.IsDefault ? [] : block.Except).Select(CidrSyntax.ParseLegacy).OfType<CidrValue>()]));
            }
            else
            {
                pods.UnionWith(context.PeerPods(peer, policyNamespace).Select(p => p.Key));
            }
        }
        return new Peers(pods, [], blocks);
    }

    public static Peers Resolve(LintContext context, AdminRule rule)
    {
        var pods = new HashSet<ObjectKey>();
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new List<(CidrValue, List<CidrValue>)>();
        if (!rule.Peers.IsDefault)
            foreach (var peer in rule.Peers)
            {
                if (peer.Nodes is not null) nodes.UnionWith(context.NodesMatching(peer.Nodes).Select(n => n.Name));
                else if (peer.Networks is { IsDefault: false } networks)
                    blocks.AddRange(networks.Select(CidrSyntax.ParseStrict).OfType<CidrValue>().Select(c => (c, new List<CidrValue>())));
                else pods.UnionWith(context.AdminPeerPods(peer).Select(p => p.Key));
            }
        return new Peers(pods, nodes, blocks);
    }

    public static bool Covers(Peers outer, Peers inner)
    {
        if (outer.Any) return true;
        if (inner.Any) return false;
        return inner.Pods!.IsSubsetOf(outer.Pods!) && inner.Nodes.IsSubsetOf(outer.Nodes) &&
               inner.Blocks.All(b => outer.Blocks.Any(o => BlockCovers(o, b)));
    }

    /// <summary>
    /// Block o covers block b when o's cidr covers b's and every address o excepts is excepted by b as well (or lies
    /// outside b's cidr).
    /// </summary>
    private static bool BlockCovers((CidrValue Cidr, List<CidrValue> Except) o, (CidrValue Cidr, List<CidrValue> Except) b) =>
        o.Cidr.Covers(b.Cidr) &&
        o.Except.All(e => !Overlaps(e, b.Cidr) || b.Except.Any(be => be.Covers(e)) || b.Except.Any(be => be.Covers(b.Cidr)));

    private static bool Overlaps(CidrValue a, CidrValue b) => a.Covers(b) || b.Covers(a);

    /// <summary>NetworkPolicy ports: an empty list is every port; each inner port must fit one outer port.</summary>
    public static bool Covers(System.Collections.Immutable.ImmutableArray<NetworkPolicyPort> outer, System.Collections.Immutable.ImmutableArray<NetworkPolicyPort> inner)
    {
        if (outer.IsDefaultOrEmpty) return true;
        if (inner.IsDefaultOrEmpty) return false;
        return inner.All(i => outer.Any(o => PortCovers(o, i)));
    }

    private static bool PortCovers(NetworkPolicyPort o, NetworkPolicyPort i)
    {
        if ((o.Protocol ?? "TCP") != (i.Protocol ?? "TCP")) return false;
        if (o.Port is null) return true;
        if (i.Port is null) return false;
        if (o.Port.Value.Name is { } on) return i.Port.Value.Name == on;
        if (i.Port.Value.Number is not { } iStart) return false;
        var oStart = o.Port.Value.Number!.Value;
        return iStart >= oStart && (i.EndPort ?? iStart) <= (o.EndPort ?? oStart);
    }

    /// <summary>Admin-tier ports: null is every port.</summary>
    public static bool Covers(System.Collections.Immutable.ImmutableArray<AdminPort>? outer, System.Collections.Immutable.ImmutableArray<AdminPort>? inner)
    {
        if (outer is not { IsDefault: false } o) return true;
        if (inner is not { IsDefault: false } i) return false;
        return i.All(x => o.Any(y => AdminPortCovers(y, x)));
    }

    private static bool AdminPortCovers(AdminPort o, AdminPort i) => (o, i) switch
    {
        (AdminPort.Named on, AdminPort.Named inn) => on.Name == inn.Name,
        (AdminPort.Number on, AdminPort.Number inn) => on.Protocol == inn.Protocol && on.Port == inn.Port,
        (AdminPort.Range or_, AdminPort.Number inn) => or_.Protocol == inn.Protocol && inn.Port >= or_.Start && inn.Port <= or_.End,
        (AdminPort.Range or_, AdminPort.Range ir) => or_.Protocol == ir.Protocol && ir.Start >= or_.Start && ir.End <= or_.End,
        (AdminPort.Number on, AdminPort.Range ir) => on.Protocol == ir.Protocol && ir.Start == on.Port && ir.End == on.Port,
        _ => false,
    };
}
