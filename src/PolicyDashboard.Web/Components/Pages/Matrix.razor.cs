using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using PolicyDashboard.Core.Reachability.Matrix;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;

namespace PolicyDashboard.Web.Components.Pages;

/// <summary>
/// The matrix page: the query lives in the address (so every view can be linked and the back button works), the
/// matrix is computed from the shared analysis result off the circuit's thread, and the browser draws it. The page
/// follows the analysis while it is open and marks the cells a new result changed.
/// </summary>
public sealed partial class Matrix
{
    /// <summary>Views up to this many cells also send per-cell counts for the hover text.</summary>
    private const int CountsLimit = 40_000;

    private readonly CancellationTokenSource _cts = new();
    private ElementReference _host;
    private IJSObjectReference? _module;
    private IJSObjectReference? _canvas;
    private DotNetObjectReference<Matrix>? _self;
    private Task? _follow;
    private MatrixQuery _query = MatrixQuery.Namespaces;
    private MatrixView? _view;
    private AnalysisResult? _result;
    private CellExplanation? _explanation;
    private (string Row, string Column)? _selected;
    private string? _error;
    private string? _portError;
    private string? _portText;
    private string? _focus;
    private int _computing;
    private (AnalysisResult Result, MatrixQuery Query, Task<MatrixView> View)? _prebuilt;
    private string? _draftId;
    private DraftReport? _draft;
    private string? _draftTitle;
    private string? _draftNote;
    private int[] _highlight = [];
    private (AnalysisResult Base, AnalysisResult After)? _overlay;

    [Inject] private IReachabilityAnalysis Analysis { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<Matrix> Logger { get; set; } = default!;
    [Inject] private IMutationGuard Guard { get; set; } = default!;
    [Inject] private IServiceProvider Services { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "port")] public string? Port { get; set; }
    [SupplyParameterFromQuery(Name = "view")] public string? View { get; set; }

    /// <summary>
    /// One of the user's saved drafts: the matrix then shows the cluster as it would be with the draft applied, and
    /// outlines the cells the draft changes (drafts are an admin's, so are these views).
    /// </summary>
    [SupplyParameterFromQuery(Name = "draft")] public string? Draft { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var draftChanged = Draft != _draftId;
        if (draftChanged) await LoadDraftAsync();
        _portText = Port;
        if (!MatrixLocation.TryParse(From, To, Port, View, out var query, out var error))
        {
            _error = error;
            if (error!.StartsWith("port:", StringComparison.Ordinal)) _portError = error[6..];
            return;
        }
        _error = null;
        _portError = null;
        var changed = query != _query;
        _query = query;
        _focus = null;
        if (changed)
        {
            _selected = null;
            _explanation = null;
        }
        if (_canvas is not null && (changed || draftChanged || _view is null)) await ShowAsync(Analysis.Current, markChanges: false);
    }

    private async Task LoadDraftAsync()
    {
        _draftId = Draft;
        (_draft, _draftTitle, _draftNote, _overlay, _highlight) = (null, null, null, null, []);
        if (string.IsNullOrWhiteSpace(Draft)) return;
        if (!Guard.CanMutate || Services.GetService<IDraftStore>() is not { } store)
        {
            _draftNote = "Drafts belong to admins: this view shows the cluster as it is.";
            return;
        }
        try
        {
            if (await store.GetAsync(Draft, _cts.Token) is not { } draft)
            {
                _draftNote = "That draft no longer exists: this view shows the cluster as it is.";
                return;
            }
            var report = DraftAnalyzer.Analyze(draft.Yaml, Analysis.Current.Snapshot, draft.Namespace, _cts.Token);
            if (!report.CanApply)
            {
                _draftNote = $"Draft \"{draft.Title}\" has problems ({report.Problems[0]}): this view shows the cluster as it is.";
                return;
            }
            (_draft, _draftTitle) = (report, draft.Title);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            _draftNote = $"The draft could not be loaded: {ex.Message}";
        }
    }

    /// <summary>The result to show: the cluster's, or with the draft applied (derived once per cluster result).</summary>
    private AnalysisResult Shown(AnalysisResult result)
    {
        if (_draft is not { } draft) return result;
        if (_overlay is { } o && ReferenceEquals(o.Base, result)) return o.After;
        // The draft's policies replace whatever has their keys in this result: reading them once was enough.
        var after = DraftOverlay.Apply(result, draft, Time);
        _overlay = (result, after);
        return after;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        // The first view is computed while the browser loads the drawing module, not after.
        var first = Analysis.Current;
        if (_error is null && _draft is null)
        {
            var query = _query;
            _prebuilt = (first, query, Task.Run(() => MatrixBuilder.Build(first.Result, query), _cts.Token));
        }
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", _cts.Token, "./js/matrix.js");
            _self = DotNetObjectReference.Create(this);
            _canvas = await _module.InvokeAsync<IJSObjectReference>("create", _cts.Token, _host, _self);
            _follow = FollowAsync(_cts.Token);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or TaskCanceledException)
        {
            // The user left while the page was starting.
        }
    }

    /// <summary>Shows the current result, then each newer one, marking what changed, until the page goes away.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            var first = true;
            await foreach (var result in Analysis.WatchAsync(cancellationToken))
            {
                await InvokeAsync(() => ShowAsync(result, markChanges: !first));
                first = false;
            }
        }
        catch (OperationCanceledException) { }
        catch (JSDisconnectedException) { }
        catch (Exception ex)
        {
            LogFollowFailed(Logger, ex);
        }
    }

    private async Task ShowAsync(AnalysisResult result, bool markChanges)
    {
        if (_error is not null) return;
        // A new snapshot whose changes cannot change a verdict keeps the same reachability: nothing to redraw.
        if (markChanges && _draft is null && _view is not null && _view.Query == _query && ReferenceEquals(_result?.Result, result.Result))
        {
            _result = result;
            return;
        }
        var query = _query;
        var ticket = Interlocked.Increment(ref _computing);
        MatrixView view;
        int[] highlight = [];
        var cluster = result;
        try
        {
            if (_draft is not null)
            {
                (result, view, highlight) = await Task.Run(() =>
                {
                    var after = Shown(cluster);
                    var shown = MatrixBuilder.Build(after.Result, query);
                    var now = MatrixBuilder.Build(cluster.Result, query);
                    return (after, shown, shown.ChangedSince(now).ToArray());
                }, _cts.Token);
            }
            else
                view = _prebuilt is { } pre && ReferenceEquals(pre.Result, result) && pre.Query == query
                    ? await pre.View
                    : await Task.Run(() => MatrixBuilder.Build(result.Result, query), _cts.Token);
            _prebuilt = null;
        }
        catch (OperationCanceledException) { return; }
        catch (Exception ex)
        {
            LogBuildFailed(Logger, ex, MatrixLocation.Href(query));
            _error = "The matrix could not be computed; the details are in the server log.";
            StateHasChanged();
            return;
        }
        // A newer request (another query or result) superseded this one while it was computing.
        if (ticket != Volatile.Read(ref _computing) || query != _query) return;

        _highlight = highlight;
        var previous = _view;
        var changed = markChanges && previous is not null && previous.Query == view.Query ? view.ChangedSince(previous) : [];
        _view = view;
        _result = result;
        if (_selected is { } sel)
        {
            int r = view.RowOf(sel.Row), c = view.ColumnOf(sel.Column);
            _explanation = r >= 0 && c >= 0 ? MatrixExplainer.Explain(result.Result, view, r, c) : null;
            if (_explanation is null) _selected = null;
        }
        await PushAsync(changed);
        StateHasChanged();
    }

    private async Task PushAsync(IReadOnlyList<int> changed)
    {
        if (_canvas is null || _view is not { } view) return;
        var cells = view.States.Length;
        object? counts = null;
        if (cells <= CountsLimit)
        {
            var indexes = Enumerable.Range(0, cells);
            counts = new
            {
                pairs = indexes.Select(view.Pairs).ToArray(),
                all = indexes.Select(view.AllPairs).ToArray(),
                any = indexes.Select(view.AnyPairs).ToArray(),
            };
        }
        int[]? selected = _selected is { } s && view.RowOf(s.Row) is var r and >= 0 && view.ColumnOf(s.Column) is var c and >= 0 ? [r, c] : null;
        var payload = new
        {
            queryKey = MatrixLocation.Href(view.Query),
            version = view.Version,
            rows = view.Rows.Select(Header).ToArray(),
            columns = view.Columns.Select(Header).ToArray(),
            states = view.States,
            changed = changed.ToArray(),
            highlight = _highlight,
            selected,
            counts,
        };
        try
        {
            await _canvas.InvokeVoidAsync("render", _cts.Token, payload);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or TaskCanceledException) { }
    }

    private static object Header(MatrixHeader h) => new { id = h.Id, label = h.Label, kind = h.Kind.ToString(), pods = h.Pods, drill = h.Drill is not null };

    [JSInvokable]
    public async Task SelectCell(int row, int column)
    {
        if (_view is not { } view || _result is not { } result || row < 0 || row >= view.Rows.Count || column < 0 || column >= view.Columns.Count) return;
        _selected = (view.Rows[row].Id, view.Columns[column].Id);
        try
        {
            _explanation = await Task.Run(() => MatrixExplainer.Explain(result.Result, view, row, column), _cts.Token);
        }
        catch (OperationCanceledException) { return; }
        StateHasChanged();
    }

    [JSInvokable]
    public Task DrillRow(int row) =>
        _view is { } v && row >= 0 && row < v.Rows.Count && v.Rows[row].Drill is { } axis ? NavigateAsync(_query with { Sources = axis }) : Task.CompletedTask;

    [JSInvokable]
    public Task DrillColumn(int column) =>
        _view is { } v && column >= 0 && column < v.Columns.Count && v.Columns[column].Drill is { } axis ? NavigateAsync(_query with { Destinations = axis }) : Task.CompletedTask;

    [JSInvokable]
    public Task DrillCell(int row, int column)
    {
        if (_view is not { } v || row < 0 || row >= v.Rows.Count || column < 0 || column >= v.Columns.Count) return Task.CompletedTask;
        var query = _query;
        if (v.Rows[row].Drill is { } sources) query = query with { Sources = sources };
        if (v.Columns[column].Drill is { } destinations) query = query with { Destinations = destinations };
        return NavigateAsync(query);
    }

    private Task DrillSelectedAsync() =>
        _selected is { } s && _view is { } v ? DrillCell(v.RowOf(s.Row), v.ColumnOf(s.Column)) : Task.CompletedTask;

    private void CloseExplanation()
    {
        _selected = null;
        _explanation = null;
        _ = PushAsync([]);
    }

    /// <summary>Goes to another view; a draft being shown stays shown.</summary>
    private Task NavigateAsync(MatrixQuery query)
    {
        var href = MatrixLocation.Href(query);
        if (!string.IsNullOrEmpty(_draftId))
            href += (href.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "draft=" + Uri.EscapeDataString(_draftId);
        Navigation.NavigateTo(href);
        return Task.CompletedTask;
    }

    private Task PortChangedAsync(string? text)
    {
        _portText = text;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "any", StringComparison.OrdinalIgnoreCase))
        {
            _portError = null;
            return NavigateAsync(_query with { Port = null });
        }
        if (!PortFilter.TryParse(text, out var filter, out var error))
        {
            // The field keeps what was typed and says what is wrong; the matrix keeps showing the last valid query.
            _portError = error;
            return Task.CompletedTask;
        }
        _portError = null;
        return NavigateAsync(_query with { Port = filter });
    }

    private Task FocusAsync(string? target)
    {
        _focus = target;
        if (string.IsNullOrWhiteSpace(target)) return Task.CompletedTask;
        var axis = MatrixLocation.ParseAxis(target);
        return NavigateAsync(_query with { Sources = axis, Destinations = axis });
    }

    /// <summary>Namespaces and workloads whose name contains the text, namespaces first.</summary>
    private Task<IEnumerable<string>?> SearchAsync(string? text, CancellationToken cancellationToken)
    {
        var pods = Analysis.Current.Snapshot.Pods.Values;
        var needle = text?.Trim() ?? "";
        var namespaces = pods.Select(p => p.Namespace).Distinct(StringComparer.Ordinal);
        var workloads = pods.Select(WorkloadId.Of).Distinct(StringComparer.Ordinal);
        IEnumerable<string> matches = namespaces.Where(n => n.Contains(needle, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            .Concat(workloads.Where(w => w.Contains(needle, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            .Take(50).ToList();
        return Task.FromResult<IEnumerable<string>?>(matches);
    }

    /// <summary>The breadcrumb of an axis: all namespaces › namespace › workload.</summary>
    private static IEnumerable<(MatrixAxis Step, bool Last)> Steps(MatrixAxis axis)
    {
        var steps = new List<MatrixAxis> { MatrixAxis.AllNamespaces };
        if (axis.Namespace is { } ns) steps.Add(new MatrixAxis(ns));
        if (axis.Workload is not null) steps.Add(axis);
        return steps.Select((s, i) => (s, i == steps.Count - 1));
    }

    private string ExportHref(string format) =>
        $"api/v1/matrix?{MatrixLocation.QueryString(_query)}{(MatrixLocation.QueryString(_query).Length > 0 ? "&" : "")}format={format}";

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        if (_follow is not null)
        {
            try { await _follow; }
            catch (OperationCanceledException) { }
        }
        try
        {
            if (_canvas is not null)
            {
                await _canvas.InvokeVoidAsync("dispose");
                await _canvas.DisposeAsync();
            }
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException) { }
        _self?.Dispose();
        _cts.Dispose();
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The matrix page stopped following the analysis")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Building the matrix {Query} failed")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception, string query);
}
