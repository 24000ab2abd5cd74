using System.Numerics;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// An immutable set of pod-class ids: a bitset when dense, a sorted id array when sparse (most selectors pick a few
/// classes of one namespace), so thousands of peer sets over tens of thousands of classes stay small.
/// </summary>
public sealed class ClassSet
{
    private readonly ulong[]? _bits;
    private readonly int[]? _ids;

    public static readonly ClassSet Empty = new(null, []);

    private ClassSet(ulong[]? bits, int[]? ids)
    {
        _bits = bits;
        _ids = ids;
        Count = bits is null ? ids!.Length : bits.Sum(w => BitOperations.PopCount(w));
    }

    public int Count { get; }
    public bool IsEmpty => Count == 0;

    /// <summary>From ids in any order (duplicates allowed); <paramref name="universe"/> is the number of classes.</summary>
    public static ClassSet From(List<int> ids, int universe)
    {
        if (ids.Count == 0) return Empty;
        ids.Sort();
        var unique = new List<int>(ids.Count);
        foreach (var id in ids)
            if (unique.Count == 0 || unique[^1] != id) unique.Add(id);
        // Sparse below one id per 32 classes: an int array then costs less than the bitset.
        if ((long)unique.Count * 32 < universe) return new ClassSet(null, [.. unique]);
        var bits = new ulong[(universe + 63) >> 6];
        foreach (var id in unique) bits[id >> 6] |= 1UL << id;
        return new ClassSet(bits, null);
    }

    public static ClassSet FromBits(ReadOnlySpan<ulong> bits, int universe)
    {
        var list = new List<int>();
        for (var w = 0; w < bits.Length; w++)
            for (var word = bits[w]; word != 0; word &= word - 1)
                list.Add((w << 6) + BitOperations.TrailingZeroCount(word));
        return From(list, universe);
    }

    public bool Contains(int id)
    {
        if (_bits is not null) return (uint)(id >> 6) < (uint)_bits.Length && (_bits[id >> 6] & (1UL << id)) != 0;
        return Array.BinarySearch(_ids!, id) >= 0;
    }

    /// <summary>dst |= this.</summary>
    public void OrInto(Span<ulong> dst)
    {
        if (_bits is not null)
        {
            var n = Math.Min(dst.Length, _bits.Length);
            for (var i = 0; i < n; i++) dst[i] |= _bits[i];
        }
        else foreach (var id in _ids!) dst[id >> 6] |= 1UL << id;
    }

    /// <summary>dst &amp;= this.</summary>
    public void AndInto(Span<ulong> dst)
    {
        if (_bits is not null)
        {
            var n = Math.Min(dst.Length, _bits.Length);
            for (var i = 0; i < n; i++) dst[i] &= _bits[i];
            dst[n..].Clear();
            return;
        }
        Span<ulong> keep = dst.Length <= 1024 ? stackalloc ulong[dst.Length] : new ulong[dst.Length];
        keep.Clear();
        foreach (var id in _ids!) keep[id >> 6] |= dst[id >> 6] & (1UL << id);
        keep.CopyTo(dst);
    }

    public IEnumerable<int> Ids()
    {
        if (_ids is not null) { foreach (var id in _ids) yield return id; yield break; }
        for (var w = 0; w < _bits!.Length; w++)
            for (var word = _bits[w]; word != 0; word &= word - 1)
                yield return (w << 6) + BitOperations.TrailingZeroCount(word);
    }

    public ClassSet Union(ClassSet other, int universe)
    {
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        var list = new List<int>(Count + other.Count);
        list.AddRange(Ids());
        list.AddRange(other.Ids());
        return From(list, universe);
    }

    public ClassSet Intersect(ClassSet other, int universe)
    {
        if (IsEmpty || other.IsEmpty) return Empty;
        var (small, large) = Count <= other.Count ? (this, other) : (other, this);
        var list = new List<int>(small.Count);
        foreach (var id in small.Ids())
            if (large.Contains(id)) list.Add(id);
        return From(list, universe);
    }

    public bool SetEquals(ClassSet other) => Count == other.Count && Ids().SequenceEqual(other.Ids());
}
