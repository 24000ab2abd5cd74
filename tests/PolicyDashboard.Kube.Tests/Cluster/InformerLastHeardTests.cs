using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Tests.Cluster;

/// <summary>When each informer last heard from the API server: the source of policydash_informer_lag_seconds.</summary>
public sealed class InformerLastHeardTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LastHeard_AfterSync_KnowsEveryServedKind()
    {
        var before = DateTimeOffset.UtcNow;
        await using var f = await ClusterFixture.StartAsync(bookmarks: TimeSpan.FromMinutes(10));
        await f.StartStoreAsync();

        var heard = f.Store.LastHeard;

        Assert.Equal(f.Store.Counters.Keys.Order(StringComparer.Ordinal), heard.Keys.Order(StringComparer.Ordinal));
        Assert.All(heard.Values, t => Assert.InRange(t, before, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task LastHeard_WatchEventArrives_MovesForwardForThatKindOnly()
    {
        // Bookmarks far apart, so only the event itself can move the time.
        await using var f = await ClusterFixture.StartAsync(bookmarks: TimeSpan.FromMinutes(10));
        await f.StartStoreAsync();
        await f.WatchEstablishedAsync("marker");
        var before = f.Store.LastHeard;

        await f.CreatePodAsync("default", "late");
        await f.WaitUntilAsync(s => s.Pods.ContainsKey(new ObjectKey("default", "late")), Bound, "pod arrives by watch");
        var after = f.Store.LastHeard;

        Assert.True(after["pods"] > before["pods"], $"pods: {before["pods"]:O} → {after["pods"]:O}");
        Assert.Equal(before["networkpolicies"], after["networkpolicies"]);
    }
}
