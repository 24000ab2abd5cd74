using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class WatchTests : SandboxTestBase
{
    protected override SandboxOptions Options => new() { Scenario = "demo", BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    private IAsyncEnumerator<(WatchEventType, V1NetworkPolicy)> Watch(string? rv, CancellationToken ct, bool bookmarks = false, int? timeoutSeconds = null) =>
        Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", allowWatchBookmarks: bookmarks, resourceVersion: rv,
            timeoutSeconds: timeoutSeconds, cancellationToken: ct).GetAsyncEnumerator(ct);

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterChangesInOrder()
    {
        var rv = await CurrentResourceVersionAsync();
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("one"), "default", cancellationToken: Timeout());
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("two"), "default", cancellationToken: Timeout());
        await Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("one", "default", cancellationToken: Timeout());

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = Watch(rv, cts.Token);
        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNextAsync());
            seen.Add($"{events.Current.Item1} {events.Current.Item2.Metadata.Name}");
        }

        Assert.Equal(new[] { "Added one", "Added two", "Deleted one" }, seen);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithCurrentObjects()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("shop", cancellationToken: cts.Token);
        await using var events = watch.GetAsyncEnumerator(cts.Token);
        var expected = (await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("shop", cancellationToken: Timeout())).Items.Count;

        var names = new List<string>();
        for (var i = 0; i < expected; i++)
        {
            Assert.True(await events.MoveNextAsync());
            Assert.Equal(WatchEventType.Added, events.Current.Item1);
            names.Add(events.Current.Item2.Metadata.Name);
        }

        Assert.Contains("default-deny-all", names);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Watch_WriteThroughApi_ShowsUpOnTwoOpenWatches()
    {
        var rv = await CurrentResourceVersionAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var other = NewClient();
        await using var first = Watch(rv, cts.Token);
        await using var second = other.NetworkingV1.WatchListNetworkPolicyForAllNamespacesAsync(resourceVersion: rv, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var a = first.MoveNextAsync().AsTask();
        var b = second.MoveNextAsync().AsTask();

        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("seen-twice"), "default", cancellationToken: Timeout());

        Assert.True(await a);
        Assert.True(await b);
        Assert.Equal("seen-twice", first.Current.Item2.Metadata.Name);
        Assert.Equal("seen-twice", second.Current.Item2.Metadata.Name);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Watch_WithBookmarks_ReceivesBookmarkWithCurrentResourceVersion()
    {
        var rv = await CurrentResourceVersionAsync();
        using var response = await Http.GetAsync(
            $"apis/networking.k8s.io/v1/namespaces/default/networkpolicies?watch=1&allowWatchBookmarks=true&resourceVersion={rv}",
            HttpCompletionOption.ResponseHeadersRead, Timeout());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Timeout()));

        var line = await reader.ReadLineAsync(Timeout());

        var evt = JsonNode.Parse(line!)!;
        Assert.Equal("BOOKMARK", Text(evt["type"]));
        Assert.Equal(rv, Text(evt["object"]!["metadata"]!["resourceVersion"]));
        Assert.Equal("NetworkPolicy", Text(evt["object"]!["kind"]));
    }

    [Fact]
    public async Task Watch_WithoutBookmarkRequest_GetsNoBookmarks()
    {
        var rv = await CurrentResourceVersionAsync();
        using var response = await Http.GetAsync(
            $"apis/networking.k8s.io/v1/namespaces/default/networkpolicies?watch=1&resourceVersion={rv}&timeoutSeconds=1",
            HttpCompletionOption.ResponseHeadersRead, Timeout());

        // Over a second with bookmarks due every 200 ms, the stream ends (timeoutSeconds) without a single line.
        var body = await response.Content.ReadAsStringAsync(Timeout());

        Assert.Equal("", body);
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsTheStream()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = Watch(await CurrentResourceVersionAsync(), cts.Token, timeoutSeconds: 1);

        var started = DateTime.UtcNow;
        Assert.True(await EndedAsync(events.MoveNextAsync().AsTask()));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Watch_AfterExpireHistory_Gets410ExpiredError()
    {
        var old = await CurrentResourceVersionAsync();
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("newer"), "default", cancellationToken: Timeout());
        Server.Faults.ExpireHistory();

        using var response = await Http.GetAsync($"apis/networking.k8s.io/v1/namespaces/default/networkpolicies?watch=1&resourceVersion={old}",
            HttpCompletionOption.ResponseHeadersRead, Timeout());
        var body = await response.Content.ReadAsStringAsync(Timeout());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var evt = JsonNode.Parse(body.Trim())!;
        Assert.Equal("ERROR", Text(evt["type"]));
        Assert.Equal(410, evt["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", Text(evt["object"]!["reason"]));
    }

    [Fact]
    public async Task Watch_AfterExpireHistory_KubernetesClientSeesGone()
    {
        var old = await CurrentResourceVersionAsync();
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("newer"), "default", cancellationToken: Timeout());
        Server.Faults.ExpireHistory();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Exception? error = null;
        var watch = Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", resourceVersion: old, onError: e => error = e, cancellationToken: cts.Token);
        await using var events = watch.GetAsyncEnumerator(cts.Token);

        // KubernetesClient hands the ERROR event's Status to onError and then sees the stream end.
        Assert.False(await events.MoveNextAsync());

        var gone = Assert.IsType<KubernetesException>(error);
        Assert.Equal(410, gone.Status.Code);
    }

    [Fact]
    public async Task Watch_FromCurrentVersionAfterExpireHistory_Works()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("before"), "default", cancellationToken: Timeout());
        Server.Faults.ExpireHistory();
        var rv = await CurrentResourceVersionAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = Watch(rv, cts.Token);
        var next = events.MoveNextAsync().AsTask();

        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("after"), "default", cancellationToken: Timeout());

        Assert.True(await next);
        Assert.Equal("after", events.Current.Item2.Metadata.Name);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Watch_LabelSelector_TurnsLeavingTheSelectionIntoDeleted()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("tracked"), "default", cancellationToken: Timeout());
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(new V1Patch("{\"metadata\":{\"labels\":{\"watch\":\"me\"}}}", V1Patch.PatchType.MergePatch), "tracked", "default", cancellationToken: Timeout());
        var rv = await CurrentResourceVersionAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", labelSelector: "watch=me", resourceVersion: rv, cancellationToken: cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();

        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(new V1Patch("{\"metadata\":{\"labels\":{\"watch\":null}}}", V1Patch.PatchType.MergePatch), "tracked", "default", cancellationToken: Timeout());

        Assert.True(await next);
        Assert.Equal(WatchEventType.Deleted, events.Current.Item1);
        await cts.CancelAsync();
    }
}
