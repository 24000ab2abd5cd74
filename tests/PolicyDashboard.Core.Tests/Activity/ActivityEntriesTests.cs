using PolicyDashboard.Core.Activity;
using PolicyDashboard.Core.Tests.Lint;

namespace PolicyDashboard.Core.Tests.Activity;

/// <summary>Entries carry the connectivity each change opened or closed, one change at a time, and stable ids.</summary>
public sealed class ActivityEntriesTests
{
    private static readonly DateTimeOffset Observed = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_AllowRedisCreated_ClosesSixPodPairsToTheDatabases()
    {
        var before = TestCluster.Guestbook().Build();
        var after = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();

        var entry = Assert.Single(ActivityEntries.Build(before, PolicyChangeDetector.Between(before, after), Observed, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(0, entry.Opened);
        Assert.Equal(6, entry.Closed);
        Assert.InRange(entry.Pairs.Length, 1, ActivityEntries.TopPairs);
        Assert.All(entry.Pairs, p => Assert.Equal("closed", p.Change));
        Assert.Equal("default/Deployment/redis-slave", entry.Pairs[0].Destination);
        Assert.Equal(("NetworkPolicy", "default", "allow-redis", ActivityAction.Created), (entry.Kind, entry.Namespace, entry.Name, entry.Action));
    }

    [Fact]
    public void Build_TwoChangesAtOnce_EachCreditedOnlyWithItsOwnEffect()
    {
        var before = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();
        var same = TestCluster.AllowRedis with { Meta = TestCluster.AllowRedis.Meta with { Name = "allow-redis-copy" } };
        // Deleting allow-redis while creating an identical copy changes nothing overall. Taken one at a time (in name
        // order), the deletion opens the six pairs and the copy closes them again: neither is credited with zero.
        var after = TestCluster.Guestbook().Policy(same).Build();

        var entries = ActivityEntries.Build(before, PolicyChangeDetector.Between(before, after), Observed, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([("allow-redis", 6, 0), ("allow-redis-copy", 0, 6)], entries.Select(e => (e.Name, e.Opened!.Value, e.Closed!.Value)));
    }

    [Fact]
    public void BuildSeenAtStart_Created_HasConnectivity_UpdatedAndDeletedDoNot()
    {
        var now = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();
        var known = new Dictionary<ActivityPolicyKey, string> { [new ActivityPolicyKey("NetworkPolicy", "shop", "removed")] = "0123" };

        var entries = ActivityEntries.BuildSeenAtStart(now, PolicyChangeDetector.SinceKnown(known, now), Observed, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([("allow-redis", (int?)6), ("removed", null)], entries.Select(e => (e.Name, e.Closed)));
        Assert.All(entries, e => Assert.True(e.SeenAtStart));
    }

    [Fact]
    public void Id_SameChange_SameIdWhereverSeen()
    {
        var key = new ActivityPolicyKey("NetworkPolicy", "default", "allow-redis");

        Assert.Equal(ActivityEntries.Id(key, ActivityAction.Updated, "abc", "12"), ActivityEntries.Id(key, ActivityAction.Updated, "abc", "12"));
        Assert.NotEqual(ActivityEntries.Id(key, ActivityAction.Updated, "abc", "12"), ActivityEntries.Id(key, ActivityAction.Updated, "abc", "13"));
    }
}
