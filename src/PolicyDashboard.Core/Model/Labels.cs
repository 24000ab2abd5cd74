using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PolicyDashboard.Core.Model;

/// <summary>An immutable label (or annotation) map with value equality, ordered by key for stable output.</summary>
public sealed class Labels : IEquatable<Labels>, IReadOnlyDictionary<string, string>
{
    public static readonly Labels Empty = new(FrozenDictionary<string, string>.Empty);

    private readonly FrozenDictionary<string, string> _map;
    private int _hash;

    private Labels(FrozenDictionary<string, string> map) => _map = map;

    public static Labels From(IEnumerable<KeyValuePair<string, string>>? pairs)
    {
        if (pairs is null) return Empty;
        var map = pairs.ToFrozenDictionary(StringComparer.Ordinal);
        return map.Count == 0 ? Empty : new Labels(map);
    }

    public static Labels Of(params (string Key, string Value)[] pairs) =>
        From(pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public Labels With(string key, string value)
    {
        var d = _map.ToDictionary(StringComparer.Ordinal);
        d[key] = value;
        return From(d);
    }

    /// <summary>The keys in storage order (not sorted), without allocating; <see cref="ValueArray"/> is in the same order.</summary>
    internal ImmutableArray<string> KeyArray => _map.Keys;
    internal ImmutableArray<string> ValueArray => _map.Values;

    public string this[string key] => _map[key];
    public IEnumerable<string> Keys => _map.Keys;
    public IEnumerable<string> Values => _map.Values;
    public int Count => _map.Count;
    public bool ContainsKey(string key) => _map.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _map.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        _map.OrderBy(p => p.Key, StringComparer.Ordinal).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Labels? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Count != Count || other.GetHashCode() != GetHashCode()) return false;
        foreach (var (k, v) in _map)
            if (!other._map.TryGetValue(k, out var ov) || !string.Equals(v, ov, StringComparison.Ordinal)) return false;
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Labels);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = 17;
        foreach (var (k, v) in _map) h ^= HashCode.Combine(k, v); // order-independent
        return _hash = h == 0 ? 1 : h;
    }

    /// <summary>`k1=v1,k2=v2`, sorted by key — the form kubectl prints.</summary>
    public override string ToString() => string.Join(",", this.Select(p => $"{p.Key}={p.Value}"));

    public ImmutableSortedDictionary<string, string> ToSorted() => _map.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
