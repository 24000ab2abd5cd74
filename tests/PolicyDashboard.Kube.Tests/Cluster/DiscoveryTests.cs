using System.Text.Json;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Store_KindTheClusterDoesNotServe_IsReportedNotServedAndDoesNotBlockLive()
    {
        await using var f = await ClusterFixture.StartAsync();
        var widgets = new ResourceKind("Widget", "example.com", "v1", "widgets", false, (JsonElement _, string? _) => new object(), (s, _) => s);
        var store = new ClusterSnapshotStore(new KubeApi(f.Client), f.Options, kinds: [ResourceKinds.Namespaces, widgets]);
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => store.RunAsync(stop.Token), TestContext.Current.CancellationToken);

        await Await.UntilAsync(store, (_, s) => s.State == ConnectionState.Live, TimeSpan.FromSeconds(20), "Live without the unserved kind");

        var status = store.Status;
        Assert.False(Assert.Single(status.Kinds, k => k.Kind == "widgets").Served);
        Assert.True(Assert.Single(status.Kinds, k => k.Kind == "namespaces").Served);
        Assert.True(status.Synced);
        Assert.Null(status.LastError);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Store_ClusterUnreachable_ReportsErrorWhileRetrying()
    {
        // A port nothing listens on: take one from a server and stop it.
        var server = await PolicyDashboard.Sandbox.SandboxServer.StartAsync(new PolicyDashboard.Sandbox.SandboxOptions { Scenario = "empty" }, TestContext.Current.CancellationToken);
        var address = server.BaseAddress;
        await server.DisposeAsync();
        var store = new ClusterSnapshotStore(new KubeApi(KubernetesClientFactory.ForBaseUrl(address)),
            new KubernetesOptions { BackoffMin = TimeSpan.FromMilliseconds(50), BackoffMax = TimeSpan.FromMilliseconds(200) });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => store.RunAsync(stop.Token), TestContext.Current.CancellationToken);

        await Await.UntilAsync(store, (_, s) => s.State == ConnectionState.Error, TimeSpan.FromSeconds(20), "Error while unreachable");

        Assert.NotNull(store.Status.LastError);
        Assert.False(store.Status.Synced);
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
