using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>An address outside the cluster shown as a row and a column: a named ipBlock / network, or the world.</summary>
public sealed record ExternalPeer(string Id, string Label, string Address);

/// <summary>
/// The external peers worth a row: every ipBlock (cidr with its excepts) and admin-tier <c>networks</c> entry that
/// policies name, each represented by its first address, and "the world": an address no policy names and no pod has.
/// </summary>
public static class ExternalPeers
{
    /// <summary>Documentation addresses (RFC 5737) first: they are never a real peer, so they stand for "anywhere else".</summary>
    private static readonly string[] WorldCandidates = ["203.0.113.10", "198.51.100.10", "192.0.2.10", "8.8.8.8", "1.1.1.1"];

    public static IReadOnlyList<ExternalPeer> Of(ClusterSnapshot snapshot)
    {
        var named = new SortedDictionary<string, IpRangeSet>(StringComparer.Ordinal);
        foreach (var policy in snapshot.NetworkPolicies.Values)
            foreach (var rule in Each(policy.Ingress).Concat(Each(policy.Egress)))
                foreach (var peer in Each(rule.Peers))
                    if (peer.IpBlock is { } block && Cidr.TryParse(block.Cidr, out var cidr))
                    {
                        var except = Each(block.Except).Select(e => Cidr.TryParse(e, out var x) ? x : (Cidr?)null).OfType<Cidr>().ToList();
                        var label = except.Count == 0 ? block.Cidr : $"{block.Cidr} except {string.Join(", ", Each(block.Except))}";
                        named.TryAdd(label, IpRangeSet.Of(cidr, except));
                    }
        foreach (var policy in snapshot.AdminPolicies.Values)
            foreach (var rule in Each(policy.Egress))
                foreach (var peer in Each(rule.Peers))
                    foreach (var network in peer.Networks is { IsDefault: false } n ? n : [])
                        if (Cidr.TryParse(network, out var cidr)) named.TryAdd(network, IpRangeSet.Of(cidr));

        // An address a pod (or a host-network pod's node) has is that pod, not an outside peer: skip it.
        var podIps = new HashSet<IpAddr>();
        foreach (var pod in snapshot.Pods.Values)
            foreach (var text in pod.Ips.IsDefault ? [] : pod.Ips)
                if (IpAddr.TryParse(text, out var ip)) podIps.Add(ip);
        var peers = new List<ExternalPeer>();
        var covered = IpRangeSet.Empty;
        foreach (var (label, set) in named)
        {
            covered = covered.Union(set);
            if (FirstFree(set, podIps) is { } address) peers.Add(new ExternalPeer("ext:" + label, label, address.ToString()));
        }
        foreach (var candidate in WorldCandidates)
            if (IpAddr.TryParse(candidate, out var ip) && !covered.Contains(ip) && !podIps.Contains(ip))
            {
                peers.Insert(0, new ExternalPeer("ext:world", $"world ({candidate})", candidate));
                break;
            }
        return peers;
    }

    private static IpAddr? FirstFree(IpRangeSet set, HashSet<IpAddr> taken)
    {
        foreach (var (lo, hi) in set.Ranges)
            for (var v = lo.Value; v <= hi.Value && v - lo.Value < 64; v++)
            {
                var ip = new IpAddr(v, lo.IsV6);
                if (!taken.Contains(ip)) return ip;
                if (v == hi.Value) break;
            }
        return null;
    }

    private static IEnumerable<T> Each<T>(System.Collections.Immutable.ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
