using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Components.Shared;

/// <summary>
/// A component that follows the cluster: it starts from the source's current snapshot, and while the circuit is
/// interactive consumes the source's stream in the background, re-rendering once per snapshot it receives. Derived
/// components may follow further streams the same way (<see cref="Follow{T}"/>). The loops are cancelled and awaited
/// on dispose. Nothing thrown while following the cluster reaches the renderer: an
/// unhandled exception would end the user's circuit.
/// </summary>
public abstract partial class LiveComponentBase : ComponentBase, IAsyncDisposable
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
    private readonly CancellationTokenSource _cts = new();
    private readonly List<Task> _loops = [];
    private bool _disposed;

    [Inject] protected IClusterSnapshotSource Cluster { get; set; } = default!;
    [Inject] private ILoggerFactory LoggerFactory { get; set; } = default!;

    protected ClusterSnapshot Snapshot { get; private set; } = ClusterSnapshot.Empty;
    protected ConnectionStatus Status { get; private set; } = ConnectionStatus.Initial(DateTimeOffset.UnixEpoch);

    protected override void OnInitialized()
    {
        Snapshot = Cluster.Current;
        Status = Cluster.Status;
        if (RendererInfo.IsInteractive) Follow(Cluster.WatchAsync, Apply);
    }

    /// <summary>
    /// While the circuit is interactive, consumes <paramref name="stream"/> in the background and hands each item to
    /// <paramref name="apply"/> on the renderer's context, re-rendering when it returns true. A failing stream is
    /// followed again after a delay; exceptions from <paramref name="apply"/> are logged, never rethrown. The loop is
    /// cancelled and awaited on dispose.
    /// </summary>
    protected void Follow<T>(Func<CancellationToken, IAsyncEnumerable<T>> stream, Func<T, bool> apply)
    {
        if (!RendererInfo.IsInteractive || _disposed) return;
        _loops.Add(FollowAsync(stream, apply, _cts.Token));
    }

    /// <summary>
    /// Called on the renderer's context for each update from the stream, after <see cref="Snapshot"/> and
    /// <see cref="Status"/> were replaced. Returns whether to re-render; the default re-renders when the snapshot changed.
    /// </summary>
    protected virtual bool OnClusterChanged(bool snapshotChanged, bool statusChanged) => snapshotChanged;

    private async Task FollowAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> stream, Func<T, bool> apply, CancellationToken cancellationToken)
    {
        var logger = LoggerFactory.CreateLogger(GetType());
        var attempt = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var item in stream(cancellationToken).WithCancellation(cancellationToken))
                {
                    attempt = 0;
                    await InvokeAsync(() => Render(item, apply, logger));
                }
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogStreamFailed(logger, ex, GetType().Name);
            }

            try
            {
                await Task.Delay(RetryDelays[Math.Min(attempt++, RetryDelays.Length - 1)], cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Render<T>(T item, Func<T, bool> apply, ILogger logger)
    {
        if (_disposed) return;
        try
        {
            if (apply(item)) StateHasChanged();
        }
        catch (Exception ex)
        {
            LogUpdateFailed(logger, ex, GetType().Name, typeof(T).Name);
        }
    }

    private bool Apply(ClusterSnapshot snapshot)
    {
        var status = Cluster.Status;
        var snapshotChanged = !ReferenceEquals(snapshot, Snapshot);
        var statusChanged = !Equals(status, Status);
        if (!snapshotChanged && !statusChanged) return false;
        Snapshot = snapshot;
        Status = status;
        return OnClusterChanged(snapshotChanged, statusChanged);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _cts.CancelAsync();
        foreach (var loop in _loops)
        {
            try { await loop; }
            catch (OperationCanceledException) { }
        }
        _cts.Dispose();
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "The cluster stream of {Component} failed; following it again")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string component);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "{Component} could not apply an update ({Update}); keeping the previous view")]
    private static partial void LogUpdateFailed(ILogger logger, Exception exception, string component, string update);
}
