using System.Net.Http;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class FaultTests : SandboxTestBase
{
    [Fact]
    public async Task EndAllWatches_CompletesOpenWatches()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", resourceVersion: await CurrentResourceVersionAsync(), cancellationToken: cts.Token)
            .GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();
        await WaitForWatchersAsync(1);

        Server.Faults.EndAllWatches();

        Assert.True(await EndedAsync(next));
    }

    [Fact]
    public async Task StallWatches_HoldsEventsUntilReleased()
    {
        var rv = await CurrentResourceVersionAsync();
        using var response = await Http.GetAsync($"apis/networking.k8s.io/v1/namespaces/default/networkpolicies?watch=1&resourceVersion={rv}",
            HttpCompletionOption.ResponseHeadersRead, Timeout());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Timeout()));
        await WaitForWatchersAsync(1);
        Server.Faults.StallWatches(true);

        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("held"), "default", cancellationToken: Timeout());
        var line = reader.ReadLineAsync(Timeout()).AsTask();
        var silent = await Task.WhenAny(line, Task.Delay(TimeSpan.FromMilliseconds(700), TestContext.Current.CancellationToken)) != line;
        // A new watch is not affected by the stall.
        using var fresh = NewClient();
        await using var freshEvents = fresh.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", resourceVersion: rv, cancellationToken: Timeout()).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await freshEvents.MoveNextAsync());
        Server.Faults.StallWatches(false);

        Assert.True(silent, "the stalled watch sent bytes");
        Assert.Contains("\"held\"", await line, StringComparison.Ordinal);
        Assert.Equal("held", freshEvents.Current.Item2.Metadata.Name);
    }

    [Fact]
    public async Task RefuseConnectionsFor_RefusesThenServesSameState()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("survivor"), "default", cancellationToken: Timeout());
        var address = Server.BaseAddress;

        Server.Faults.RefuseConnectionsFor(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<HttpRequestException>(() => Http.GetAsync("version", Timeout()));

        await Server.Faults.RefuseConnectionsForAsync(TimeSpan.Zero, Timeout());
        var back = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("survivor", "default", cancellationToken: Timeout());
        Assert.Equal("survivor", back.Metadata.Name);
        Assert.Equal(address, Server.BaseAddress);
    }

    [Fact]
    public async Task RestartAsync_DropsWatchesKeepsPortAndState()
    {
        var created = await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("kept"), "default", cancellationToken: Timeout());
        var address = Server.BaseAddress;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", resourceVersion: created.Metadata.ResourceVersion, cancellationToken: cts.Token)
            .GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();
        await WaitForWatchersAsync(1);

        await Server.RestartAsync(Timeout());

        var ended = await Record.ExceptionAsync(async () => Assert.False(await next));
        Assert.True(ended is null or IOException or HttpRequestException, ended?.ToString());
        Assert.Equal(address, Server.BaseAddress);
        var again = await NewClient().NetworkingV1.ReadNamespacedNetworkPolicyAsync("kept", "default", cancellationToken: Timeout());
        Assert.Equal(created.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task WriteKubeconfig_PointsKubernetesClientAtTheServer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sandbox-{Guid.NewGuid():N}.kubeconfig");
        try
        {
            Assert.Equal(path, Server.WriteKubeconfig(path));
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
            using var client = new Kubernetes(config);

            var pods = await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: Timeout());

            Assert.Equal(Server.BaseAddress.GetLeftPart(UriPartial.Authority), config.Host.TrimEnd('/'));
            Assert.NotEmpty(pods.Items);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private Task WaitForWatchersAsync(int count) => Server.Store.WhenWatchingAsync(count, Timeout());
}
