using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class InformerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Store_InitialList_HoldsEveryPodOfTheServerAndGoesLive()
    {
        await using var f = await ClusterFixture.StartAsync(scenario: "demo", pageSize: 7);
        await f.StartStoreAsync();

        var fresh = await f.FreshPodVersionsAsync();
        await f.WaitUntilAsync(_ => f.Store.Status.State == ConnectionState.Live, Bound, "status Live");
        Assert.Equal(fresh, ClusterFixture.Versions(f.Store.Current.Pods, p => p.Meta.ResourceVersion));
        Assert.Contains(f.Store.Current.Pods.Values, p => p.Labels.TryGetValue("k8s-app", out var v) && v == "guestbook");
        var pods = Assert.Single(f.Store.Status.Kinds, k => k.Kind == "pods");
        Assert.True(pods.Synced);
        Assert.Equal(fresh.Count, pods.Loaded);
    }

    [Fact]
    public async Task Store_WatchedChanges_AppearAndDisappear()
    {
        await using var f = await ClusterFixture.StartAsync();
        await f.StartStoreAsync();

        await f.CreatePodAsync("default", "late");
        await f.WaitUntilAsync(s => s.Pods.ContainsKey(new ObjectKey("default", "late")), Bound, "created pod appears");
        var versionBefore = f.Store.Current.Version;

        await f.DeletePodAsync("default", "late");
        var after = await f.WaitUntilAsync(s => !s.Pods.ContainsKey(new ObjectKey("default", "late")), Bound, "deleted pod vanishes");

        Assert.True(after.Version > versionBefore);
    }

    [Fact]
    public async Task Informer_GoneMidWatch_RelistsExactlyOnceAndDropsObjectsDeletedInTheGap()
    {
        await using var f = await ClusterFixture.StartAsync();
        for (var i = 0; i < 6; i++) await f.CreatePodAsync("default", $"p{i}");
        await f.StartStoreAsync();
        await f.WatchEstablishedAsync("marker");
        Assert.Equal(7, f.Store.Current.Pods.Count);
        var relistsBefore = f.Store.Counters["pods"].Relists;

        // Open watches hear nothing from here on; the deletes happen "in the gap" and their events are then forgotten.
        f.Server.Faults.StallWatches(true);
        await f.DeletePodAsync("default", "p1");
        await f.DeletePodAsync("default", "p4");
        await f.CreatePodAsync("default", "p9");
        f.Server.Faults.ExpireHistory();
        f.Server.Faults.EndAllWatches();

        await f.WaitUntilAsync(
            s => s.Pods.Count == 6 && !s.Pods.ContainsKey(new ObjectKey("default", "p1")) && !s.Pods.ContainsKey(new ObjectKey("default", "p4")) && s.Pods.ContainsKey(new ObjectKey("default", "p9")),
            Bound, "the relist's diff removes p1 and p4 and adds p9");

        var counters = f.Store.Counters["pods"];
        Assert.Equal(relistsBefore + 1, counters.Relists);
        Assert.True(counters.WatchesGone >= 1);
        Assert.Equal(await f.FreshPodVersionsAsync(), ClusterFixture.Versions(f.Store.Current.Pods, p => p.Meta.ResourceVersion));
    }

    [Fact]
    public async Task Informer_StalledWatch_IsRestartedWithinTheWatchdogInterval()
    {
        var watchdog = TimeSpan.FromSeconds(2);
        await using var f = await ClusterFixture.StartAsync(watchdog: watchdog, bookmarks: TimeSpan.FromMilliseconds(300));
        await f.StartStoreAsync();
        await f.WatchEstablishedAsync("marker");
        Assert.Equal(0, f.Store.Counters["pods"].WatchdogRestarts);

        f.Server.Faults.StallWatches(true);
        var stalledAt = DateTimeOffset.UtcNow;
        await f.CreatePodAsync("default", "behind-a-stall");
        await f.WaitUntilAsync(s => s.Pods.ContainsKey(new ObjectKey("default", "behind-a-stall")), watchdog * 4, "the pod arrives through a restarted watch");
        var elapsed = DateTimeOffset.UtcNow - stalledAt;

        Assert.True(f.Store.Counters["pods"].WatchdogRestarts >= 1);
        // Detection takes one watchdog interval of silence; reconnecting and receiving the event take only a moment more
        // (the slack absorbs a busy test machine, not a second interval).
        Assert.True(elapsed < watchdog + TimeSpan.FromSeconds(1.5), $"recovered after {elapsed}");
        f.Server.Faults.StallWatches(false);
    }

    [Fact]
    public async Task Informer_HealthyQuietWatch_IsNotRestartedBecauseBookmarksKeepItAlive()
    {
        var watchdog = TimeSpan.FromSeconds(2);
        await using var f = await ClusterFixture.StartAsync(watchdog: watchdog, bookmarks: TimeSpan.FromMilliseconds(100));
        await f.StartStoreAsync();
        // The list completes before its watch is counted: read the count once a pod has come through the watch.
        await f.WatchEstablishedAsync("first");
        var startedBefore = f.Store.Counters["pods"].WatchesStarted;

        // Quiet for two watchdog intervals; bookmarks are the only traffic. The marker pod then shows the watch is the same one.
        using (var quiet = new CancellationTokenSource(watchdog * 2))
        {
            try
            {
                await Task.Delay(Timeout.Infinite, quiet.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await f.CreatePodAsync("default", "marker");
        await f.WaitUntilAsync(s => s.Pods.ContainsKey(new ObjectKey("default", "marker")), Bound, "marker pod");

        Assert.Equal(0, f.Store.Counters["pods"].WatchdogRestarts);
        Assert.Equal(startedBefore, f.Store.Counters["pods"].WatchesStarted);
    }

    [Fact]
    public async Task Store_ServerRestart_ConvergesToTheServersState()
    {
        await using var f = await ClusterFixture.StartAsync();
        for (var i = 0; i < 3; i++) await f.CreatePodAsync("default", $"before-{i}");
        await f.StartStoreAsync();

        await f.Server.RestartAsync(TestContext.Current.CancellationToken);
        await f.DeletePodAsync("default", "before-0");
        await f.CreatePodAsync("default", "after-restart");

        var fresh = await f.FreshPodVersionsAsync();
        await f.WaitUntilAsync(
            s => ClusterFixture.Versions(s.Pods, p => p.Meta.ResourceVersion).OrderBy(p => p.Key.ToString()).SequenceEqual(fresh.Select(p => KeyValuePair.Create(p.Key, p.Value)).OrderBy(p => p.Key.ToString())),
            Bound, "cache equals a fresh list after the restart");
        await f.WaitUntilAsync(_ => f.Store.Status.State == ConnectionState.Live, Bound, "status Live again");
    }

    [Fact]
    public async Task Store_ConnectionsRefused_ReportsStaleOrErrorWithSinceThenLiveAgain()
    {
        await using var f = await ClusterFixture.StartAsync();
        await f.StartStoreAsync();

        f.Server.Faults.RefuseConnectionsFor(TimeSpan.FromSeconds(2));
        var down = await Await.UntilAsync(f.Store, (_, s) => s.State is ConnectionState.Stale or ConnectionState.Error, Bound, "the store notices the outage");
        var status = f.Store.Status;
        Assert.NotNull(status.LastError);
        Assert.True(status.Synced || status.State == ConnectionState.Error);

        await Await.UntilAsync(f.Store, (_, s) => s.State == ConnectionState.Live, Bound, "live again after the outage");
        Assert.NotNull(down);
    }
}
