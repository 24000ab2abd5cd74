using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>One page of a filtered, sorted list and what the pager needs to know.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, string? SelectorError)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
    public int FirstIndex => Page * PageSize;
}

/// <summary>
/// Runs a list definition against snapshots for one page of the UI. Only one page of rows is handed to the view,
/// so a list of 150,000 pods renders as many rows as the page size. The rows, the filtered and sorted order are
/// cached and recomputed only when the snapshot part, the filter or the sort changes; paging through a list is a
/// slice.
/// </summary>
public sealed class ListQuery<T> where T : class
{
    private readonly ListDefinition<T> _definition;
    private object? _source;
    private List<T> _rows = [];
    private CompiledListFilter? _filter;
    private SortSpec? _sort;
    private List<T>? _view;

    public ListQuery(ListDefinition<T> definition) => _definition = definition;

    public ListDefinition<T> Definition => _definition;

    /// <summary>The whole filtered, sorted list (not only one page).</summary>
    public IReadOnlyList<T> All(ClusterSnapshot snapshot, ListFilter filter, SortSpec sort) => View(snapshot, filter, sort);

    public ListPage<T> Run(ClusterSnapshot snapshot, ListFilter filter, SortSpec sort, int page, int pageSize)
    {
        if (pageSize <= 0) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "Page size must be positive.");
        var view = View(snapshot, filter, sort);
        // A page past the end (objects were deleted, or the filter narrowed) shows the last page instead of nothing.
        var lastPage = view.Count == 0 ? 0 : (view.Count - 1) / pageSize;
        var p = Math.Clamp(page, 0, lastPage);
        var count = Math.Min(pageSize, view.Count - p * pageSize);
        var items = count <= 0 ? [] : view.GetRange(p * pageSize, count);
        return new ListPage<T>(items, view.Count, p, pageSize, _filter!.SelectorError);
    }

    private List<T> View(ClusterSnapshot snapshot, ListFilter filter, SortSpec sort)
    {
        var normalized = filter.Normalize();
        var source = _definition.Source(snapshot);
        var rowsChanged = !Equals(source, _source);
        if (rowsChanged)
        {
            _source = source;
            _rows = [.. _definition.Rows(snapshot)];
        }

        var filterChanged = _filter is null || _filter.Filter != normalized;
        if (filterChanged) _filter = CompiledListFilter.Compile(normalized);

        if (rowsChanged || filterChanged || _sort != sort || _view is null)
        {
            _sort = sort;
            var compiled = _filter!;
            var view = new List<T>();
            foreach (var row in _rows)
                if (compiled.Matches(row, _definition.Meta(row), _definition.MatchesText)) view.Add(row);
            _view = Sorted(view, sort);
        }
        return _view;
    }

    /// <summary>
    /// Text columns sort by precomputed natural keys (ordinal comparisons only); other columns by their comparison.
    /// Ties go to namespace, then name, so the order is total and stable across snapshots.
    /// </summary>
    private List<T> Sorted(List<T> view, SortSpec sort)
    {
        var items = view.ToArray();
        var ties = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var meta = _definition.Meta(items[i]);
            ties[i] = string.Concat(NaturalKey.Of(meta.Namespace), "\0", NaturalKey.Of(meta.Name));
        }

        _definition.Columns.TryGetValue(sort.Column, out var column);
        if (column?.Comparison is { } comparison)
        {
            var order = new int[items.Length];
            for (var i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) =>
            {
                var c = comparison(items[a], items[b]);
                return c != 0 ? c : string.CompareOrdinal(ties[a], ties[b]);
            });
            items = order.Select(i => items[i]).ToArray();
        }
        else
        {
            var keys = new string[items.Length];
            for (var i = 0; i < items.Length; i++)
                keys[i] = column?.Text is { } text ? string.Concat(NaturalKey.Of(text(items[i])), "\u0001", ties[i]) : ties[i];
            Array.Sort(keys, items, StringComparer.Ordinal);
        }

        if (sort.Descending) Array.Reverse(items);
        return [.. items];
    }
}
