using Microsoft.Extensions.Logging.Abstractions;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class InformerProgressTests
{
    private sealed class RecordingSink : IInformerSink
    {
        public List<InformerState> States { get; } = [];
        public int Changes { get; private set; }
        public TaskCompletionSource Synced { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Apply(ResourceKind kind, IReadOnlyList<ObjectChange> changes)
        {
            lock (States) Changes += changes.Count;
        }

        public void StateChanged(Informer informer)
        {
            var state = informer.State;
            lock (States) States.Add(state);
            if (state.Synced) Synced.TrySetResult();
        }
    }

    [Fact]
    public async Task Informer_PagedList_ReportsLoadedOutOfExpectedPerPage()
    {
        await using var f = await ClusterFixture.StartAsync();
        for (var i = 0; i < 12; i++) await f.CreatePodAsync("default", $"p{i}");
        var sink = new RecordingSink();
        var settings = new InformerSettings(5, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1));
        var informer = new Informer(ResourceKinds.Pods, new KubeApi(f.Client), settings, sink, NullLogger.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => informer.RunAsync(stop.Token), TestContext.Current.CancellationToken);

        await sink.Synced.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        List<InformerState> states;
        lock (sink.States) states = [.. sink.States];
        var listing = states.Where(s => s.Phase == InformerPhase.Listing && s.Loaded > 0).ToList();
        // Three pages of at most five; remainingItemCount (when the server sends it) announces the total early.
        Assert.Equal([5, 10, 12], listing.Select(s => s.Loaded));
        Assert.Equal(12, listing[^1].Expected);
        Assert.Equal(12, sink.Changes);
        Assert.True(states[^1].Synced);
        Assert.Equal(1, informer.Counters.Lists);
        Assert.Equal(0, informer.Counters.Relists);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
