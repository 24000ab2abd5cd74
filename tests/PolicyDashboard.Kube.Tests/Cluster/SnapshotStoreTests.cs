using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class SnapshotStoreTests
{
    private static ClusterSnapshotStore NewStore() =>
        new(new KubeApi(KubernetesClientFactory.ForBaseUrl(new Uri("http://127.0.0.1:1/"))), new KubernetesOptions());

    private static PodInfo Pod(string name) =>
        new(new ObjectMeta(name, "default"), ImmutableArray<string>.Empty, ImmutableArray<ContainerPort>.Empty);

    [Fact]
    public async Task WatchAsync_SlowReader_SeesTheLatestSnapshotNotEveryIntermediateOne()
    {
        var store = NewStore();
        IInformerSink sink = store;
        await using var stream = store.WatchAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(0, stream.Current.Version);

        for (var i = 0; i < 100; i++) sink.Apply(ResourceKinds.Pods, [new ObjectChange(new ObjectKey("default", $"p{i}"), Pod($"p{i}"))]);

        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(100, stream.Current.Version);
        Assert.Equal(100, stream.Current.Pods.Count);
    }

    [Fact]
    public void Apply_Changes_SwapsANewSnapshotAndLeavesTheOldOneIntact()
    {
        var store = NewStore();
        IInformerSink sink = store;
        sink.Apply(ResourceKinds.Pods, [new ObjectChange(new ObjectKey("default", "a"), Pod("a"))]);
        var before = store.Current;

        sink.Apply(ResourceKinds.Pods, [new ObjectChange(new ObjectKey("default", "a"), null), new ObjectChange(new ObjectKey("default", "b"), Pod("b"))]);

        Assert.Equal(["a"], before.Pods.Keys.Select(k => k.Name));
        Assert.Equal(["b"], store.Current.Pods.Keys.Select(k => k.Name));
        Assert.Equal(before.Version + 1, store.Current.Version);
    }

    [Fact]
    public void Apply_AdminKinds_ShareOneMapKeyedByKindAndName()
    {
        var store = NewStore();
        IInformerSink sink = store;
        var meta = new ObjectMeta("default", null);
        var subject = new AdminSubject(LabelSelector.Everything, null);
        sink.Apply(ResourceKinds.BaselineAdminNetworkPolicies, [new ObjectChange(new ObjectKey("", "default"),
            new AdminPolicyInfo(meta, AdminPolicyKind.BaselineAdminNetworkPolicy, AdminTier.Baseline, null, subject, [], []))]);
        sink.Apply(ResourceKinds.ClusterNetworkPolicies, [new ObjectChange(new ObjectKey("", "default"),
            new AdminPolicyInfo(meta, AdminPolicyKind.ClusterNetworkPolicy, AdminTier.Admin, 1, subject, [], []))]);

        sink.Apply(ResourceKinds.BaselineAdminNetworkPolicies, [new ObjectChange(new ObjectKey("", "default"), null)]);

        Assert.Equal([new AdminPolicyKey(AdminPolicyKind.ClusterNetworkPolicy, "default")], store.Current.AdminPolicies.Keys);
    }
}
