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
    public required IReadOnlyDictionary<string, ColumnSort<T>> Columns { get; init; }

    public required SortSpec DefaultSort { get; init; }

    public bool IsSortable(string column) => Columns.ContainsKey(column);
}

/// <summary>
/// How a column sorts: by text in natural order (sorted through <see cref="NaturalKey"/> keys), or by a comparison.
/// Exactly one of the two is set.
/// </summary>
public sealed record ColumnSort<T>(Func<T, string?>? Text, Comparison<T>? Comparison);

/// <summary>Building blocks for column sorts.</summary>
public static class Compare
{
    public static ColumnSort<T> Text<T>(Func<T, string?> key) => new(key, null);

    /// <summary>Missing values sort first, as if smallest.</summary>
    public static ColumnSort<T> Value<T, TKey>(Func<T, TKey?> key) where TKey : struct, IComparable<TKey> =>
        new(null, (a, b) =>
        {
            var (x, y) = (key(a), key(b));
            if (x is null) return y is null ? 0 : -1;
            return y is null ? 1 : x.Value.CompareTo(y.Value);
        });

    public static ColumnSort<T> Value<T>(Func<T, int> key) => new(null, (a, b) => key(a).CompareTo(key(b)));

    public static ColumnSort<T> By<T>(Comparison<T> comparison) => new(null, comparison);

    /// <summary>A comparison for small lists (relations on detail pages), natural order by the given text.</summary>
    public static Comparison<T> Natural<T>(Func<T, string?> key) =>
        (a, b) => NaturalStringComparer.Instance.Compare(key(a), key(b));
}
