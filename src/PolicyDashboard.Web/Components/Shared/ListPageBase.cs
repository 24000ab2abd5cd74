using Microsoft.AspNetCore.Components;
using PolicyDashboard.Web.Inventory;

namespace PolicyDashboard.Web.Components.Shared;

/// <summary>
/// A list page: the filter comes from the query string (<c>?ns=&amp;q=&amp;l=</c>, so lists can be linked to) and is
/// written back to it; only the current page of rows is built and rendered, and it is rebuilt on every snapshot.
/// </summary>
public abstract class ListPageBase<T> : LiveComponentBase where T : class
{
    private ListQuery<T>? _query;
    private ListFilter? _fromQuery;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "ns")] public string? QueryNamespace { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? QueryText { get; set; }
    [SupplyParameterFromQuery(Name = "l")] public string? QuerySelector { get; set; }

    protected abstract ListDefinition<T> Definition { get; }

    protected ListFilter Filter { get; private set; } = ListFilter.None;
    protected SortSpec Sort { get; private set; }
    protected int PageSize { get; private set; } = 50;
    protected ListPage<T> Page { get; private set; } = new([], 0, 0, 50, null);

    /// <summary>Namespace names for the namespace picker, best matches first.</summary>
    protected IEnumerable<string> SearchNamespaces(string? text, int max = 50) =>
        Snapshot.Namespaces.Keys.Select(k => k.Name)
            .Where(n => string.IsNullOrEmpty(text) || n.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => string.IsNullOrEmpty(text) || n.StartsWith(text, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(n => n, NaturalStringComparer.Instance)
            .Take(max);

    protected override void OnInitialized()
    {
        _query = new ListQuery<T>(Definition);
        Sort = Definition.DefaultSort;
        base.OnInitialized();
    }

    protected override void OnParametersSet()
    {
        var fromQuery = new ListFilter(QueryNamespace, QueryText, QuerySelector).Normalize();
        if (fromQuery != _fromQuery)
        {
            // Only a changed URL (a link, back/forward) overrides what the user typed.
            _fromQuery = fromQuery;
            if (fromQuery != Filter) Run(fromQuery, 0);
            else Run(Filter, Page.Page);
        }
        else
        {
            Run(Filter, Page.Page);
        }
    }

    protected override bool OnClusterChanged(bool snapshotChanged, bool statusChanged)
    {
        if (snapshotChanged) Run(Filter, Page.Page);
        return snapshotChanged;
    }

    protected void SetFilter(ListFilter filter)
    {
        var normalized = filter.Normalize();
        if (normalized == Filter) return;
        Run(normalized, 0);
        _fromQuery = normalized;
        var uri = Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["ns"] = normalized.Namespace,
            ["q"] = normalized.Text,
            ["l"] = normalized.Selector,
        });
        Navigation.NavigateTo(uri, replace: true);
    }

    protected void SortBy(string column)
    {
        if (!Definition.IsSortable(column)) return;
        Sort = Sort.Toggle(column);
        Run(Filter, 0);
    }

    protected void GoToPage(int page) => Run(Filter, page);

    protected void SetPageSize(int size)
    {
        PageSize = size > 0 ? size : PageSize;
        Run(Filter, 0);
    }

    private void Run(ListFilter filter, int page)
    {
        Filter = filter;
        Page = _query!.Run(Snapshot, filter, Sort, page, PageSize);
    }
}
