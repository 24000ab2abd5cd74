using System.Collections.Immutable;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>A reusable, growable int buffer a class key is written into, with scratch room for a pod's parsed addresses.</summary>
internal sealed class TupleBuffer
{
    private int[] _items = new int[32];
    private IpAddr[] _ips = new IpAddr[4];

    public int Length { get; private set; }
    public ReadOnlySpan<int> Span => _items.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Add(int value)
    {
        if (Length == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Length++] = value;
    }

    /// <summary>Appends a placeholder for a count written later with <see cref="SetCount"/>; returns its position.</summary>
    public int Reserve()
    {
        Add(0);
        return Length - 1;
    }

    public void SetCount(int at, int count) => _items[at] = count;

    /// <summary>Appends (a, b) keeping the pairs from <paramref name="start"/> on sorted by a (insertion sort: a pod has few).</summary>
    public void InsertPairSorted(int start, int a, int b)
    {
        Add(a);
        Add(b);
        var i = Length - 2;
        while (i > start && _items[i - 2] > a)
        {
            _items[i] = _items[i - 2];
            _items[i + 1] = _items[i - 1];
            i -= 2;
        }
        _items[i] = a;
        _items[i + 1] = b;
    }

    /// <summary>Appends (a, b, c) keeping the triples from <paramref name="start"/> sorted by (a, b, c).</summary>
    public void InsertTripleSorted(int start, int a, int b, int c)
    {
        Add(a);
        Add(b);
        Add(c);
        var i = Length - 3;
        while (i > start && Compare(i - 3, a, b, c) > 0)
        {
            _items[i] = _items[i - 3];
            _items[i + 1] = _items[i - 2];
            _items[i + 2] = _items[i - 1];
            i -= 3;
        }
        _items[i] = a;
        _items[i + 1] = b;
        _items[i + 2] = c;
    }

    private int Compare(int at, int a, int b, int c)
    {
        var r = _items[at].CompareTo(a);
        if (r == 0) r = _items[at + 1].CompareTo(b);
        return r != 0 ? r : _items[at + 2].CompareTo(c);
    }

    /// <summary>
    /// Addresses as the reference engine reads them — unparsable ones dropped, duplicates removed — parsed into the
    /// buffer's scratch space (valid until the next call).
    /// </summary>
    public ReadOnlySpan<IpAddr> Addresses(ImmutableArray<string> texts)
    {
        if (texts.IsDefaultOrEmpty) return [];
        if (_ips.Length < texts.Length) _ips = new IpAddr[texts.Length];
        var n = 0;
        foreach (var t in texts)
            if (ClassPartition.TryParseIp(t, out var ip) && _ips.AsSpan(0, n).IndexOf(ip) < 0) _ips[n++] = ip;
        return _ips.AsSpan(0, n);
    }
}
