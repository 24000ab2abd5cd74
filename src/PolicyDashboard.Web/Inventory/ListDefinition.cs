using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>The column a list is sorted by and the direction.</summary>
public readonly record struct SortSpec(string Column, bool Descending = false)
{
    /// <summary>Clicking the current column flips the direction; another column starts ascending.</summary>
    public SortSpec Toggle(string column) =>
        string.Equals(column, Column, StringComparison.Ordinal) ? this with { Descending = !Descending } : new SortSpec(column);
}

/// <summary>
/// How one kind of inventory list is built from a snapshot, searched and sorted. Definitions are stateless and
/// shared; <see cref="ListQuery{T}"/> holds the per-page cache.
/// </summary>
public sealed class ListDefinition<T> where T : class
{
    /// <summary>
    /// The snapshot parts the rows are built from. Snapshots share unchanged dictionaries, so when this value is
    /// equal (by reference) the rows need not be rebuilt.
    /// </summary>
    public required Func<ClusterSnapshot, object> Source { get; init; }

    public required Func<ClusterSnapshot, IEnumerable<T>> Rows { get; init; }

    public required Func<T, ObjectMeta> Meta { get; init; }

    /// <summary>Whether the free-text search (already trimmed, never empty) hits one of the fields the list shows.</summary>
    public required Func<T, string, bool> MatchesText { get; init; }

    /// <summary>Sortable columns by name. Ties always fall back to namespace, then name.</summary>
    public required IReadOnlyDictionary<string, Comparison<T>> Columns { get; init; }

    public required SortSpec DefaultSort { get; init; }

    public bool IsSortable(string column) => Columns.ContainsKey(column);
}

/// <summary>Building blocks for column comparisons.</summary>
public static class Compare
{
    public static Comparison<T> Text<T>(Func<T, string?> key) =>
        (a, b) => NaturalStringComparer.Instance.Compare(key(a), key(b));

    /// <summary>Missing values sort first, as if smallest.</summary>
    public static Comparison<T> Value<T, TKey>(Func<T, TKey?> key) where TKey : struct, IComparable<TKey> =>
        (a, b) =>
        {
            var (x, y) = (key(a), key(b));
            if (x is null) return y is null ? 0 : -1;
            return y is null ? 1 : x.Value.CompareTo(y.Value);
        };

    public static Comparison<T> Value<T>(Func<T, int> key) => (a, b) => key(a).CompareTo(key(b));

    /// <summary>Namespace then name: the order kubectl lists objects in, and the tie-break for every column.</summary>
    public static Comparison<T> ByKey<T>(Func<T, ObjectMeta> meta) =>
        (a, b) =>
        {
            var (ma, mb) = (meta(a), meta(b));
            var c = NaturalStringComparer.Instance.Compare(ma.Namespace ?? "", mb.Namespace ?? "");
            return c != 0 ? c : NaturalStringComparer.Instance.Compare(ma.Name, mb.Name);
        };
}
