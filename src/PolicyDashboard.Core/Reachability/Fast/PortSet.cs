using System.Collections.Immutable;
using System.Text;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// An immutable set of (protocol, port) pairs kept as sorted disjoint inclusive intervals over one key space,
/// <c>protocol × 65536 + port</c>, so that every protocol's port space is a contiguous block and one interval list
/// covers all three. The interval boundaries are the port atoms: the engine never enumerates single ports.
/// Ports run 1–65535 (a NetworkPolicyPort's port and endPort must be in that range); key 0 of each block is unused.
/// </summary>
public sealed class PortSet : IEquatable<PortSet>
{
    private const int Block = 65536;
    private readonly int[] _bounds; // lo0, hi0, lo1, hi1, … sorted, disjoint, non-adjacent

    public static readonly PortSet Empty = new([]);
    public static readonly PortSet All = new([Key(Protocol.TCP, 1), Key(Protocol.TCP, 65535), Key(Protocol.UDP, 1), Key(Protocol.UDP, 65535), Key(Protocol.SCTP, 1), Key(Protocol.SCTP, 65535)]);

    private PortSet(int[] bounds) => _bounds = bounds;

    public static int Key(Protocol protocol, int port) => (int)protocol * Block + port;
    public static (Protocol Protocol, int Port) FromKey(int key) => ((Protocol)(key / Block), key % Block);

    /// <summary>Every port of one protocol (a NetworkPolicyPort with a protocol and no port).</summary>
    public static PortSet AllOf(Protocol protocol) => Range(protocol, 1, 65535);

    public static PortSet Single(Protocol protocol, int port) => Range(protocol, port, port);

    /// <summary>An inclusive range (port..endPort); out-of-range or inverted ranges are empty.</summary>
    public static PortSet Range(Protocol protocol, int start, int end)
    {
        start = Math.Max(start, 1);
        end = Math.Min(end, 65535);
        return start > end ? Empty : new PortSet([Key(protocol, start), Key(protocol, end)]);
    }

    public bool IsEmpty => _bounds.Length == 0;
    public int RangeCount => _bounds.Length / 2;

    public bool Contains(Protocol protocol, int port)
    {
        if (port is < 1 or > 65535) return false;
        var key = Key(protocol, port);
        // Binary search over the lower bounds: the last interval starting at or before key.
        int lo = 0, hi = _bounds.Length / 2 - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_bounds[2 * mid] <= key) lo = mid + 1; else hi = mid - 1;
        }
        return hi >= 0 && key <= _bounds[2 * hi + 1];
    }

    /// <summary>The intervals as (protocol, first port, last port); an interval never spans two protocols.</summary>
    public IEnumerable<(Protocol Protocol, int Start, int End)> Ranges()
    {
        for (var i = 0; i < _bounds.Length; i += 2)
        {
            var (p, s) = FromKey(_bounds[i]);
            yield return (p, s, _bounds[i + 1] % Block);
        }
    }

    /// <summary>Number of (protocol, port) pairs in the set.</summary>
    public long Count
    {
        get
        {
            long n = 0;
            for (var i = 0; i < _bounds.Length; i += 2) n += _bounds[i + 1] - _bounds[i] + 1;
            return n;
        }
    }

    public PortSet Union(PortSet other)
    {
        if (other.IsEmpty || ReferenceEquals(this, other)) return this;
        if (IsEmpty) return other;
        var result = new List<int>(_bounds.Length + other._bounds.Length);
        int i = 0, j = 0;
        while (i < _bounds.Length || j < other._bounds.Length)
        {
            int lo, hi;
            if (j >= other._bounds.Length || (i < _bounds.Length && _bounds[i] <= other._bounds[j]))
            { lo = _bounds[i]; hi = _bounds[i + 1]; i += 2; }
            else
            { lo = other._bounds[j]; hi = other._bounds[j + 1]; j += 2; }
            var n = result.Count;
            if (n > 0 && lo <= result[n - 1] + 1) result[n - 1] = Math.Max(result[n - 1], hi);
            else { result.Add(lo); result.Add(hi); }
        }
        return new PortSet([.. result]);
    }

    public PortSet Intersect(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return Empty;
        if (ReferenceEquals(this, other)) return this;
        var result = new List<int>();
        int i = 0, j = 0;
        while (i < _bounds.Length && j < other._bounds.Length)
        {
            var lo = Math.Max(_bounds[i], other._bounds[j]);
            var hi = Math.Min(_bounds[i + 1], other._bounds[j + 1]);
            if (lo <= hi) { result.Add(lo); result.Add(hi); }
            if (_bounds[i + 1] < other._bounds[j + 1]) i += 2; else j += 2;
        }
        return result.Count == 0 ? Empty : new PortSet([.. result]);
    }

    public PortSet Except(PortSet other)
    {
        if (IsEmpty || other.IsEmpty) return this;
        var result = new List<int>(_bounds.Length);
        var j = 0;
        for (var i = 0; i < _bounds.Length; i += 2)
        {
            var lo = _bounds[i];
            var hi = _bounds[i + 1];
            while (j < other._bounds.Length && other._bounds[j + 1] < lo) j += 2;
            var k = j;
            while (lo <= hi && k < other._bounds.Length && other._bounds[k] <= hi)
            {
                if (other._bounds[k] > lo) { result.Add(lo); result.Add(other._bounds[k] - 1); }
                lo = Math.Max(lo, other._bounds[k + 1] + 1);
                k += 2;
            }
            if (lo <= hi) { result.Add(lo); result.Add(hi); }
        }
        return result.Count == 0 ? Empty : new PortSet([.. result]);
    }

    public bool Equals(PortSet? other) => other is not null && _bounds.AsSpan().SequenceEqual(other._bounds);
    public override bool Equals(object? obj) => Equals(obj as PortSet);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var b in _bounds) h.Add(b);
        return h.ToHashCode();
    }

    /// <summary><c>80/TCP, 8000-8080/TCP, 53/UDP</c>; "all" and "none" for the two constants.</summary>
    public override string ToString()
    {
        if (IsEmpty) return "none";
        if (Equals(All)) return "all";
        var sb = new StringBuilder();
        foreach (var (p, s, e) in Ranges())
        {
            if (sb.Length > 0) sb.Append(", ");
            if (s == 1 && e == 65535) sb.Append("all/").Append(p);
            else if (s == e) sb.Append(s).Append('/').Append(p);
            else sb.Append(s).Append('-').Append(e).Append('/').Append(p);
        }
        return sb.ToString();
    }

    internal ImmutableArray<int> Bounds => [.. _bounds];
}
