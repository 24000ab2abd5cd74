using System.Threading.Channels;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Store;

/// <summary>An item a watch connection writes: a stored event, or a bookmark carrying the resourceVersion reached.</summary>
internal readonly record struct WatchItem(StoredEvent? Event, long BookmarkRv);

/// <summary>
/// One open watch. The store pushes items into <see cref="Items"/> under its lock, so a watch sees every change
/// after its start exactly once and in order; bookmarks go through the same queue so a bookmark never overtakes an
/// event it claims to cover.
/// </summary>
internal sealed class Watcher : IDisposable
{
    private readonly Channel<WatchItem> _items = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _ended = new();
    private volatile TaskCompletionSource? _stall;

    public Watcher(ResourceKind kind, string? ns)
    {
        Kind = kind;
        Namespace = ns;
    }

    public ResourceKind Kind { get; }
    public string? Namespace { get; }
    public ChannelReader<WatchItem> Items => _items.Reader;

    /// <summary>Cancelled when the server ends the watch (fault hook or shutdown).</summary>
    public CancellationToken Ended => _ended.Token;

    public bool Accepts(StoredEvent e) =>
        ReferenceEquals(e.Kind, Kind) && (Namespace is null || Store.ObjectStore.NamespaceOf(e.Object) == Namespace);

    public void Push(WatchItem item) => _items.Writer.TryWrite(item);

    public void End()
    {
        try { _ended.Cancel(); } catch (ObjectDisposedException) { }
    }

    public bool IsStalled => _stall is not null;

    public void Stall(bool on)
    {
        if (on) _stall ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        else Interlocked.Exchange(ref _stall, null)?.TrySetResult();
    }

    /// <summary>Completes at once unless the watch is stalled; then when the stall is lifted or the watch ends.</summary>
    public Task WhileStalledAsync(CancellationToken ct) => _stall is { } s ? s.Task.WaitAsync(ct) : Task.CompletedTask;

    public void Dispose() => _ended.Dispose();
}
