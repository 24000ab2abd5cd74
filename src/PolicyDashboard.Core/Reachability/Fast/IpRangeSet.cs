using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// A set of addresses as sorted disjoint inclusive ranges: an ipBlock (cidr minus except), an ANP/CNP
/// <c>networks</c> list, or the addresses of selected nodes. IPv4 sorts before IPv6; the two never overlap.
/// </summary>
public sealed class IpRangeSet : IEquatable<IpRangeSet>
{
    private readonly (IpAddr Lo, IpAddr Hi)[] _ranges;

    public static readonly IpRangeSet Empty = new([]);

    private IpRangeSet((IpAddr, IpAddr)[] ranges) => _ranges = ranges;

    public bool IsEmpty => _ranges.Length == 0;
    public ReadOnlySpan<(IpAddr Lo, IpAddr Hi)> Ranges => _ranges;

    public static int Compare(IpAddr a, IpAddr b) => a.IsV6 != b.IsV6 ? a.IsV6.CompareTo(b.IsV6) : a.Value.CompareTo(b.Value);
    internal static UInt128 MaxOf(IpAddr a) => a.IsV6 ? UInt128.MaxValue : uint.MaxValue;

    public static IpRangeSet Of(Cidr cidr) => new([(new IpAddr(cidr.First, cidr.IsV6), new IpAddr(cidr.Last, cidr.IsV6))]);

    /// <summary>An ipBlock: "cidr … except: a slice of CIDRs that should not be included within an IPBlock".</summary>
    public static IpRangeSet Of(Cidr block, IEnumerable<Cidr> except)
    {
        var set = Of(block);
        foreach (var e in except) set = set.Except(Of(e));
        return set;
    }

    public static IpRangeSet Of(IEnumerable<Cidr> blocks)
    {
        var set = Empty;
        foreach (var b in blocks) set = set.Union(Of(b));
        return set;
    }

    public static IpRangeSet Of(IEnumerable<IpAddr> addresses) => Normalize([.. addresses.Select(a => (a, a))]);

    public bool Contains(IpAddr ip)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(_ranges[mid].Lo, ip) <= 0) lo = mid + 1; else hi = mid - 1;
        }
        return hi >= 0 && Compare(ip, _ranges[hi].Hi) <= 0;
    }

    public IpRangeSet Union(IpRangeSet other)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        return Normalize([.. _ranges, .. other._ranges]);
    }

    public IpRangeSet Except(IpRangeSet other)
    {
        var result = new List<(IpAddr, IpAddr)>();
        foreach (var (lo0, hi) in _ranges)
        {
            var lo = lo0;
            var open = true;
            foreach (var (olo, ohi) in other._ranges)
            {
                if (olo.IsV6 != lo.IsV6 || Compare(ohi, lo) < 0 || Compare(olo, hi) > 0) continue;
                if (Compare(olo, lo) > 0) result.Add((lo, olo with { Value = olo.Value - 1 }));
                if (Compare(ohi, hi) >= 0) { open = false; break; }
                lo = ohi with { Value = ohi.Value + 1 };
            }
            if (open) result.Add((lo, hi));
        }
        return Normalize(result);
    }

    private static IpRangeSet Normalize(List<(IpAddr Lo, IpAddr Hi)> list)
    {
        if (list.Count == 0) return Empty;
        list.Sort((a, b) => Compare(a.Lo, b.Lo));
        var merged = new List<(IpAddr, IpAddr)>(list.Count);
        var (clo, chi) = list[0];
        for (var i = 1; i < list.Count; i++)
        {
            var (lo, hi) = list[i];
            var joins = lo.IsV6 == chi.IsV6 && (Compare(lo, chi) <= 0 || (chi.Value != MaxOf(chi) && lo.Value == chi.Value + 1));
            if (joins) { if (Compare(hi, chi) > 0) chi = hi; }
            else { merged.Add((clo, chi)); (clo, chi) = (lo, hi); }
        }
        merged.Add((clo, chi));
        return new IpRangeSet([.. merged]);
    }

    public bool Equals(IpRangeSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);
    public override bool Equals(object? obj) => Equals(obj as IpRangeSet);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var r in _ranges) h.Add(r);
        return h.ToHashCode();
    }
}
