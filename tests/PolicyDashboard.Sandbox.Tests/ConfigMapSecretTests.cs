using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Sandbox.Tests;

/// <summary>
/// Core v1 ConfigMaps and Secrets, where the dashboard keeps its own state: the usual verbs, optimistic concurrency,
/// Secret stringData, the 1 MiB payload limit, and RBAC grants for impersonated users.
/// </summary>
public sealed class ConfigMapSecretTests : SandboxTestBase
{
    protected override SandboxOptions Options => new()
    {
        Scenario = "demo",
        Grants = [new SandboxGrant { User = "keeper", Verbs = ["get", "create"], ApiGroups = [""], Resources = ["configmaps"], Namespaces = ["shop"] }],
    };

    private static V1ConfigMap ConfigMap(string name, IDictionary<string, string>? data = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "policy-dashboard" } },
        Data = data ?? new Dictionary<string, string> { ["k"] = "v" },
    };

    [Fact]
    public async Task ConfigMap_CreateGetListUpdateDelete_BehaveAsTheApiServer()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("state"), "default", cancellationToken: Timeout());
        var read = await Client.CoreV1.ReadNamespacedConfigMapAsync("state", "default", cancellationToken: Timeout());
        var listed = await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app.kubernetes.io/managed-by=policy-dashboard", cancellationToken: Timeout());
        read.Data["k"] = "w";
        var updated = await Client.CoreV1.ReplaceNamespacedConfigMapAsync(read, "state", "default", cancellationToken: Timeout());
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("state", "default", cancellationToken: Timeout());
        var (code, _) = await FailureOf(() => Client.CoreV1.ReadNamespacedConfigMapAsync("state", "default", cancellationToken: Timeout()));

        Assert.Equal("v", created.Data["k"]);
        Assert.Equal("state", Assert.Single(listed.Items).Metadata.Name);
        Assert.Equal("w", updated.Data["k"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task ConfigMap_UpdateWithStaleResourceVersion_Returns409Conflict()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("racy"), "default", cancellationToken: Timeout());
        var first = await Client.CoreV1.ReadNamespacedConfigMapAsync("racy", "default", cancellationToken: Timeout());
        first.Data["k"] = "first";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "racy", "default", cancellationToken: Timeout());
        created.Data["k"] = "second";

        var (code, status) = await FailureOf(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "racy", "default", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", Text(status["reason"]));
    }

    [Fact]
    public async Task ConfigMap_Watch_SeesAddedModifiedDeleted()
    {
        var rv = await CurrentResourceVersionAsync();
        var events = new List<(WatchEventType, string)>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Timeout());
        var watch = Task.Run(async () =>
        {
            await foreach (var (type, cm) in Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: rv, cancellationToken: cts.Token))
            {
                events.Add((type, cm.Data is { } d && d.TryGetValue("k", out var v) ? v : ""));
                if (type == WatchEventType.Deleted) return;
            }
        }, cts.Token);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("watched"), "default", cancellationToken: Timeout());
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"patched"}}""", V1Patch.PatchType.MergePatch), "watched", "default", cancellationToken: Timeout());
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("watched", "default", cancellationToken: Timeout());
        await watch;

        Assert.Equal([(WatchEventType.Added, "v"), (WatchEventType.Modified, "patched"), (WatchEventType.Deleted, "patched")], events);
    }

    [Fact]
    public async Task ConfigMap_DataOverOneMebibyte_Returns422TooLong()
    {
        var big = ConfigMap("big", new Dictionary<string, string> { ["a"] = new string('x', 600 * 1024), ["b"] = new string('y', 600 * 1024) });

        var (code, status) = await FailureOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(big, "default", cancellationToken: Timeout()));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("Too long: may not be more than 1048576 bytes", Text(status["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigMap_JustUnderOneMebibyte_IsStored()
    {
        var fits = ConfigMap("fits", new Dictionary<string, string> { ["a"] = new string('x', 1024 * 1024 - 16) });

        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(fits, "default", cancellationToken: Timeout());

        Assert.Equal(1024 * 1024 - 16, created.Data["a"].Length);
    }

    [Fact]
    public async Task ConfigMap_InvalidKey_Returns422NamingTheKey()
    {
        var (code, status) = await FailureOf(() => Client.CoreV1.CreateNamespacedConfigMapAsync(
            ConfigMap("bad-key", new Dictionary<string, string> { ["no/slash"] = "v" }), "default", cancellationToken: Timeout()));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("data[no/slash]", Text(status["details"]!["causes"]![0]!["field"]));
    }

    [Fact]
    public async Task Secret_StringData_IsStoredAsBase64DataWithTypeOpaque()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "keys" },
            StringData = new Dictionary<string, string> { ["ring.xml"] = "<keys/>" },
        };

        await Client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: Timeout());
        var read = await Client.CoreV1.ReadNamespacedSecretAsync("keys", "default", cancellationToken: Timeout());

        Assert.Equal("<keys/>", Encoding.UTF8.GetString(read.Data["ring.xml"]));
        Assert.Null(read.StringData);
        Assert.Equal("Opaque", read.Type);
    }

    [Fact]
    public async Task Secret_DataOverOneMebibyte_Returns422OnData()
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "huge" },
            Data = new Dictionary<string, byte[]> { ["blob"] = new byte[1024 * 1024 + 1] },
        };

        var (code, status) = await FailureOf(() => Client.CoreV1.CreateNamespacedSecretAsync(secret, "default", cancellationToken: Timeout()));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("data", Text(status["details"]!["causes"]![0]!["field"]));
    }

    [Fact]
    public async Task Secret_ReplaceAndDelete_Work()
    {
        await Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" }, Data = new Dictionary<string, byte[]> { ["a"] = [1] } }, "default", cancellationToken: Timeout());
        var read = await Client.CoreV1.ReadNamespacedSecretAsync("s", "default", cancellationToken: Timeout());
        read.Data["a"] = [2, 3];

        var replaced = await Client.CoreV1.ReplaceNamespacedSecretAsync(read, "s", "default", cancellationToken: Timeout());
        await Client.CoreV1.DeleteNamespacedSecretAsync("s", "default", cancellationToken: Timeout());

        Assert.Equal(new byte[] { 2, 3 }, replaced.Data["a"]);
        Assert.Empty((await Client.CoreV1.ListNamespacedSecretAsync("default", cancellationToken: Timeout())).Items);
    }

    private async Task<HttpStatusCode> AsKeeperAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        request.Headers.Add("Impersonate-User", "keeper");
        using var response = await Http.SendAsync(request, Timeout());
        return response.StatusCode;
    }

    [Fact]
    public async Task ConfigMap_ImpersonatedUser_OnlyWhatTheGrantAllows()
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "kept" } }.ToJsonString();

        var createInShop = await AsKeeperAsync(HttpMethod.Post, "/api/v1/namespaces/shop/configmaps", body);
        var getInShop = await AsKeeperAsync(HttpMethod.Get, "/api/v1/namespaces/shop/configmaps/kept");
        var deleteInShop = await AsKeeperAsync(HttpMethod.Delete, "/api/v1/namespaces/shop/configmaps/kept");
        var createElsewhere = await AsKeeperAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", body);
        var secretInShop = await AsKeeperAsync(HttpMethod.Get, "/api/v1/namespaces/shop/secrets/kept");

        Assert.Equal(HttpStatusCode.Created, createInShop);
        Assert.Equal(HttpStatusCode.OK, getInShop);
        Assert.Equal(HttpStatusCode.Forbidden, deleteInShop);
        Assert.Equal(HttpStatusCode.Forbidden, createElsewhere);
        Assert.Equal(HttpStatusCode.Forbidden, secretInShop);
    }
}
