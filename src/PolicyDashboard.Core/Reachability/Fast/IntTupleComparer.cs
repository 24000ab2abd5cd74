using System.Runtime.InteropServices;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Compares int tuples by content, and looks them up from a span, so a dictionary keyed by tuples is probed with a
/// reused buffer and an array is allocated only for a tuple not seen before.
/// </summary>
internal sealed class IntTupleComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    public static readonly IntTupleComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));
    public int GetHashCode(int[] tuple) => Hash(tuple);

    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);
    public int GetHashCode(ReadOnlySpan<int> alternate) => Hash(alternate);
    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();

    private static int Hash(ReadOnlySpan<int> tuple)
    {
        var h = new HashCode();
        h.AddBytes(MemoryMarshal.AsBytes(tuple));
        return h.ToHashCode();
    }
}
