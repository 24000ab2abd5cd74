using Microsoft.Extensions.Logging.Abstractions;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Analysis;

/// <summary>The shared analysis follows the cluster seam, recomputes incrementally and lets subscribers go.</summary>
public sealed class ReachabilityAnalysisTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static ClusterSnapshot Guestbook(long version) => Make.Snapshot(version,
        Make.Namespace("default"),
        Make.Pod("default", "frontend-1", "app=guestbook,tier=frontend", "10.0.0.1"),
        Make.Pod("default", "redis-master-1", "app=redis,role=master", "10.0.0.2", ports: Make.Port("redis", 6379)),
        Make.Pod("default", "busybox", "run=busybox", "10.0.0.3"));

    private static NetworkPolicyInfo AllowRedis() => Make.Policy("default", "allow-redis", LabelSelector.Of(("app", "redis")),
        ingress: [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("tier", "frontend")), null, null)], [])]);

    private static ReachabilityAnalysis Create(FakeClusterSource source) =>
        new(source, TimeProvider.System, new TestMeterFactory(), NullLogger<ReachabilityAnalysis>.Instance, TimeSpan.Zero);

    private static async Task<AnalysisResult> NextWithVersion(IAsyncEnumerator<AnalysisResult> results, long version)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (await results.MoveNextAsync().AsTask().WaitAsync(cts.Token))
            if (results.Current.Version >= version) return results.Current;
        throw new InvalidOperationException("the stream ended");
    }

    [Fact]
    public async Task Analysis_PolicyAppliedAfterStart_PublishesIncrementalResultThatDeniesBusybox()
    {
        var source = new FakeClusterSource(Guestbook(1));
        using var analysis = Create(source);
        await analysis.StartAsync(TestContext.Current.CancellationToken);
        await using var results = analysis.WatchAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);

        var first = await NextWithVersion(results, 1);
        var busybox = Endpoint.Of(first.Snapshot.Pods[new ObjectKey("default", "busybox")]);
        var redis = Endpoint.Of(first.Snapshot.Pods[new ObjectKey("default", "redis-master-1")]);
        Assert.True(first.Engine.Evaluate(busybox, redis, 6379, Protocol.TCP).Allowed);

        source.Publish(Guestbook(1).With(2, AllowRedis()));
        var second = await NextWithVersion(results, 2);

        Assert.True(second.Incremental);
        var verdict = second.Engine.Evaluate(busybox, redis, 6379, Protocol.TCP);
        Assert.False(verdict.Allowed);
        Assert.Contains("allow-redis", verdict.Explanation, StringComparison.Ordinal);
        await analysis.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Analysis_SubscriberCancels_SubscriptionEnds()
    {
        var source = new FakeClusterSource(Guestbook(1));
        using var analysis = Create(source);
        await analysis.StartAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        var seen = new List<long>();
        var reader = Task.Run(async () =>
        {
            await foreach (var r in analysis.WatchAsync(cts.Token)) seen.Add(r.Version);
        }, TestContext.Current.CancellationToken);

        await cts.CancelAsync();

        await reader.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.True(reader.IsCompletedSuccessfully);
        await analysis.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Analysis_NewSourceSnapshotBurst_EndsOnTheLatestVersion()
    {
        var source = new FakeClusterSource(Guestbook(1));
        using var analysis = Create(source);
        await analysis.StartAsync(TestContext.Current.CancellationToken);
        for (var v = 2; v <= 40; v++)
            source.Publish(Guestbook(v).With(v, Make.Pod("default", $"extra-{v}", "run=busybox", $"10.0.1.{v}")));

        await using var results = analysis.WatchAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var last = await NextWithVersion(results, 40);

        Assert.Equal(40, last.Version);
        Assert.Equal(4, last.Result.Pods.Count);
        Assert.True(last.IndexOf(new ObjectKey("default", "extra-40")) >= 0);
        Assert.Equal(-1, last.IndexOf(new ObjectKey("default", "extra-39")));
        await analysis.StopAsync(TestContext.Current.CancellationToken);
    }
}
