using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Splits the address space at every boundary of every IP set the policies use (ipBlocks, ANP networks, node
/// addresses) and names each piece by the sets containing it. Two addresses with the same signature are matched by
/// exactly the same IP peers, so pods whose addresses share signatures can share a class.
/// </summary>
internal sealed class IpSignatures
{
    private readonly IpAddr[] _starts;     // elementary interval i covers [_starts[i], _starts[i+1])
    private readonly int[] _signatureOf;  // per elementary interval
    private readonly List<int[]> _setsOf; // per signature: the ids of the IP sets containing it

    public IpSignatures(IReadOnlyList<IpRangeSet> sets)
    {
        var points = new SortedSet<IpAddr>(Comparer<IpAddr>.Create(IpRangeSet.Compare)) { new IpAddr(0, false), new IpAddr(0, true) };
        foreach (var set in sets)
            foreach (var (lo, hi) in set.Ranges)
            {
                points.Add(lo);
                if (hi.Value != IpRangeSet.MaxOf(hi)) points.Add(hi with { Value = hi.Value + 1 });
            }
        _starts = [.. points];
        var members = new List<int>[_starts.Length];
        for (var s = 0; s < sets.Count; s++)
            foreach (var (lo, hi) in sets[s].Ranges)
                for (var i = IndexOf(lo); i < _starts.Length && _starts[i].IsV6 == lo.IsV6 && IpRangeSet.Compare(_starts[i], hi) <= 0; i++)
                    (members[i] ??= []).Add(s);

        var byKey = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = 0 };
        _setsOf = [[]];
        _signatureOf = new int[_starts.Length];
        for (var i = 0; i < _starts.Length; i++)
        {
            if (members[i] is null) continue;
            var key = string.Join(',', members[i]);
            if (!byKey.TryGetValue(key, out var sig))
            {
                sig = _setsOf.Count;
                byKey[key] = sig;
                _setsOf.Add([.. members[i]]);
            }
            _signatureOf[i] = sig;
        }
    }

    public int Count => _setsOf.Count;

    /// <summary>The signature of an address; 0 = contained in no set.</summary>
    public int SignatureOf(IpAddr ip) => _signatureOf[IndexOf(ip)];

    public IReadOnlyList<int> SetsOf(int signature) => _setsOf[signature];

    private int IndexOf(IpAddr ip)
    {
        int lo = 0, hi = _starts.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (IpRangeSet.Compare(_starts[mid], ip) <= 0) lo = mid + 1; else hi = mid - 1;
        }
        return hi;
    }
}
