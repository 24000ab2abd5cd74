using System.Collections.Immutable;
using System.Threading.Channels;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Web.Activity;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>An activity feed the test publishes to: the current entries, and each published list to every watcher.</summary>
public sealed class FakeActivityFeed : IActivityFeed
{
    private readonly List<Channel<ImmutableArray<ActivityEntry>>> _watchers = [];
    private readonly Lock _gate = new();

    public ImmutableArray<ActivityEntry> Entries { get; private set; } = [];

    public void Publish(params ActivityEntry[] entries)
    {
        lock (_gate)
        {
            Entries = [.. entries];
            foreach (var w in _watchers) w.Writer.TryWrite(Entries);
        }
    }

    public async IAsyncEnumerable<ImmutableArray<ActivityEntry>> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ImmutableArray<ActivityEntry>>();
        lock (_gate)
        {
            channel.Writer.TryWrite(Entries);
            _watchers.Add(channel);
        }
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken)) yield return e;
        }
        finally
        {
            lock (_gate) _watchers.Remove(channel);
        }
    }
}
