using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>
/// The analysis seam for component tests: results are computed by the real engine from the snapshots the test
/// publishes, synchronously, so a test controls exactly which version a page sees.
/// </summary>
public sealed class FakeAnalysis : IReachabilityAnalysis
{
    private readonly Lock _lock = new();
    private readonly List<Channel<AnalysisResult>> _watchers = [];

    public FakeAnalysis(ClusterSnapshot? initial = null) => Current = For(initial ?? ClusterSnapshot.Empty);

    public AnalysisResult Current { get; private set; }

    public int ActiveWatchers { get { lock (_lock) return _watchers.Count; } }

    public static AnalysisResult For(ClusterSnapshot snapshot) =>
        new(snapshot, FastReachability.Build(snapshot), DateTimeOffset.UnixEpoch, TimeSpan.Zero, incremental: false);

    public AnalysisResult Publish(ClusterSnapshot snapshot)
    {
        var result = For(snapshot);
        Current = result;
        lock (_lock)
            foreach (var w in _watchers) w.Writer.TryWrite(result);
        return result;
    }

    public async IAsyncEnumerable<AnalysisResult> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<AnalysisResult>();
        lock (_lock) _watchers.Add(channel);
        try
        {
            channel.Writer.TryWrite(Current);
            await foreach (var result in channel.Reader.ReadAllAsync(cancellationToken))
                yield return result;
        }
        finally
        {
            lock (_lock) _watchers.Remove(channel);
        }
    }
}
