using System.Collections.Immutable;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Tests.Lint;
using static PolicyDashboard.Core.Tests.Validation.Build;

namespace PolicyDashboard.Core.Tests.Activity;

/// <summary>Which policy changes the activity history records between two states, and which it ignores.</summary>
public sealed class PolicyChangeDetectorTests
{
    private static NetworkPolicyInfo WithMeta(NetworkPolicyInfo p, string rv, LastWrite? write = null, Labels? annotations = null) =>
        p with { Meta = p.Meta with { ResourceVersion = rv, LastWrite = write, Annotations = annotations ?? p.Meta.Annotations } };

    [Fact]
    public void Between_CreatedUpdatedDeleted_OneChangeEachInStableOrder()
    {
        var keep = Np(name: "keep", ns: "shop");
        var gone = Np(name: "gone", ns: "shop");
        var before = TestCluster.Guestbook().Policy(keep).Policy(gone).Build();
        var after = TestCluster.Guestbook().Policy(keep with { Egress = [Rule()] }).Policy(TestCluster.AllowRedis).Build();

        var changes = PolicyChangeDetector.Between(before, after);

        Assert.Equal(
            [
                (new ActivityPolicyKey("NetworkPolicy", "default", "allow-redis"), ActivityAction.Created),
                (new ActivityPolicyKey("NetworkPolicy", "shop", "gone"), ActivityAction.Deleted),
                (new ActivityPolicyKey("NetworkPolicy", "shop", "keep"), ActivityAction.Updated),
            ],
            changes.Select(c => (c.Key, c.Action)));
        Assert.Null(changes[0].NetworkBefore);
        Assert.Null(changes[1].NetworkAfter);
        Assert.NotNull(changes[2].NetworkBefore);
    }

    [Fact]
    public void Between_OnlyResourceVersionAndManagedFieldsChanged_NoChange()
    {
        var p = TestCluster.AllowRedis;
        var before = TestCluster.Guestbook().Policy(WithMeta(p, "10", new LastWrite("kubectl", "Update", DateTimeOffset.UnixEpoch))).Build();
        var after = TestCluster.Guestbook().Policy(WithMeta(p, "11", new LastWrite("status-controller", "Update", DateTimeOffset.UnixEpoch.AddHours(1)))).Build();

        Assert.Empty(PolicyChangeDetector.Between(before, after));
    }

    [Fact]
    public void Between_AnnotationChanged_IsAnUpdate()
    {
        var p = TestCluster.AllowRedis;
        var before = TestCluster.Guestbook().Policy(p).Build();
        var after = TestCluster.Guestbook().Policy(WithMeta(p, "2", annotations: Labels.Of(("owner", "team-a")))).Build();

        Assert.Equal(ActivityAction.Updated, Assert.Single(PolicyChangeDetector.Between(before, after)).Action);
    }

    [Fact]
    public void Between_AdminPolicies_DetectedByKindAndName()
    {
        var before = TestCluster.Guestbook().Build();
        var after = TestCluster.Guestbook().Admin(Banp()).Build();

        var change = Assert.Single(PolicyChangeDetector.Between(before, after));

        Assert.Equal(new ActivityPolicyKey("BaselineAdminNetworkPolicy", "", "default"), change.Key);
        Assert.Equal(ActivityAction.Created, change.Action);
    }

    [Fact]
    public void SinceKnown_ComparesRememberedVersionsWithTheFirstState()
    {
        var unchanged = Np(name: "unchanged", ns: "shop");
        var edited = Np(name: "edited", ns: "shop");
        var known = PolicyFingerprint.All(TestCluster.Guestbook().Policy(unchanged).Policy(edited).Policy(Np(name: "removed", ns: "shop")).Build());
        var now = TestCluster.Guestbook().Policy(unchanged).Policy(edited with { Egress = [Rule()] }).Policy(TestCluster.AllowRedis).Build();

        var changes = PolicyChangeDetector.SinceKnown(known, now);

        Assert.Equal(
            [
                ("allow-redis", ActivityAction.Created),
                ("edited", ActivityAction.Updated),
                ("removed", ActivityAction.Deleted),
            ],
            changes.Select(c => (c.Key.Name, c.Action)));
        Assert.All(changes, c => Assert.True(c.SeenAtStart));
        Assert.Equal(known[new ActivityPolicyKey("NetworkPolicy", "shop", "removed")], changes[2].Fingerprint);
    }

    [Fact]
    public void SinceKnown_NothingChanged_NoChange()
    {
        var now = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();

        Assert.Empty(PolicyChangeDetector.SinceKnown(PolicyFingerprint.All(now), now));
    }

    [Fact]
    public void Fingerprint_EqualSpecsWrittenDifferently_Equal()
    {
        var a = TestCluster.AllowRedis;
        var b = a with { Meta = a.Meta with { ResourceVersion = "99", Uid = "other" }, Ingress = [.. a.Ingress] };

        Assert.Equal(PolicyFingerprint.Of(a), PolicyFingerprint.Of(b));
    }

    [Fact]
    public void ApplyTo_ThenRevertIn_RestoresThePolicies()
    {
        var before = TestCluster.Guestbook().Build();
        var after = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();
        var change = Assert.Single(PolicyChangeDetector.Between(before, after));

        Assert.Equal(after.NetworkPolicies.Keys, change.ApplyTo(before).NetworkPolicies.Keys);
        Assert.Empty(change.RevertIn(after).NetworkPolicies);
        Assert.Equal(ImmutableDictionary<ObjectKey, NetworkPolicyInfo>.Empty.Count, change.RevertIn(after).NetworkPolicies.Count);
    }
}
