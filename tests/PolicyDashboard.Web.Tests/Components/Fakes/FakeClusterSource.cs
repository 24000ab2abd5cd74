using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>
/// The cluster seam for component tests: each watcher gets its own channel, fed by <see cref="Publish"/> and
/// <see cref="SetStatus"/>, the way the real source yields the current snapshot first and then newer ones.
/// </summary>
public sealed class FakeClusterSource : IClusterSnapshotSource
{
    private readonly Lock _lock = new();
    private readonly List<Channel<ClusterSnapshot>> _watchers = [];
    private int _watchCalls;

    public FakeClusterSource(ClusterSnapshot? initial = null, ConnectionStatus? status = null)
    {
        Current = initial ?? ClusterSnapshot.Empty;
        Status = status ?? Live;
    }

    public static ConnectionStatus Live { get; } =
        new(ConnectionState.Live, new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), null, ImmutableArray<KindProgress>.Empty);

    public ClusterSnapshot Current { get; private set; }
    public ConnectionStatus Status { get; private set; }

    public int ActiveWatchers { get { lock (_lock) return _watchers.Count; } }
    public int WatchCalls => Volatile.Read(ref _watchCalls);

    public void Publish(ClusterSnapshot snapshot)
    {
        Current = snapshot;
        Broadcast(snapshot);
    }

    public void SetStatus(ConnectionStatus status)
    {
        Status = status;
        Broadcast(Current);
    }

    public async IAsyncEnumerable<ClusterSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ClusterSnapshot>();
        lock (_lock) _watchers.Add(channel);
        Interlocked.Increment(ref _watchCalls);
        try
        {
            channel.Writer.TryWrite(Current);
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
                yield return snapshot;
        }
        finally
        {
            lock (_lock) _watchers.Remove(channel);
        }
    }

    private void Broadcast(ClusterSnapshot snapshot)
    {
        lock (_lock)
            foreach (var w in _watchers) w.Writer.TryWrite(snapshot);
    }
}
