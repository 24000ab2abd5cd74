using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// A compiled selector compared by content (its sorted requirements), so caches are shared by every policy that
/// writes the same selector without turning selectors into strings.
/// </summary>
internal readonly struct SelectorKey : IEquatable<SelectorKey>
{
    private readonly int _hash;

    public SelectorKey(CompiledSelector selector)
    {
        Selector = selector;
        var h = new HashCode();
        h.Add(selector.MatchesNothing);
        foreach (var r in selector.Requirements)
        {
            h.Add(r.Key);
            h.Add(r.Operator);
            foreach (var v in r.Values) h.Add(v);
        }
        _hash = h.ToHashCode();
    }

    public CompiledSelector Selector { get; }

    public bool Equals(SelectorKey other)
    {
        if (ReferenceEquals(Selector, other.Selector)) return true;
        if (_hash != other._hash || Selector.MatchesNothing != other.Selector.MatchesNothing) return false;
        var a = Selector.Requirements;
        var b = other.Selector.Requirements;
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (a[i].Key != b[i].Key || a[i].Operator != b[i].Operator || !a[i].Values.AsSpan().SequenceEqual(b[i].Values.AsSpan())) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is SelectorKey k && Equals(k);
    public override int GetHashCode() => _hash;
}
