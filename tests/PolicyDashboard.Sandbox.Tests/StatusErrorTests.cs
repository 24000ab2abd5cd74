using System.Net;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class StatusErrorTests : SandboxTestBase
{
    [Fact]
    public async Task Get_MissingPod_Returns404NotFoundStatus()
    {
        var (code, status) = await FailureOf(() => Client.CoreV1.ReadNamespacedPodAsync("no-such-pod", "default", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", Text(status["kind"]));
        Assert.Equal("Failure", Text(status["status"]));
        Assert.Equal("NotFound", Text(status["reason"]));
        Assert.Equal(404, status["code"]!.GetValue<int>());
        Assert.Equal("pods \"no-such-pod\" not found", Text(status["message"]));
        Assert.Equal("no-such-pod", Text(status["details"]!["name"]));
        Assert.Equal("pods", Text(status["details"]!["kind"]));
    }

    [Fact]
    public async Task Create_ExistingName_Returns409AlreadyExists()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("dup"), "default", cancellationToken: Timeout());

        var (code, status) = await FailureOf(() => Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("dup"), "default", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", Text(status["reason"]));
        Assert.Equal("networkpolicies.networking.k8s.io \"dup\" already exists", Text(status["message"]));
        Assert.Equal("networking.k8s.io", Text(status["details"]!["group"]));
    }

    [Fact]
    public async Task Update_StaleResourceVersion_Returns409Conflict()
    {
        var created = await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("stale"), "default", cancellationToken: Timeout());
        var stale = created.Metadata.ResourceVersion;
        created.Metadata.Labels = new Dictionary<string, string> { ["changed"] = "once" };
        await Client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(created, "stale", "default", cancellationToken: Timeout());

        created.Metadata.ResourceVersion = stale;
        created.Metadata.Labels["changed"] = "twice";
        var (code, status) = await FailureOf(() => Client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(created, "stale", "default", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", Text(status["reason"]));
        Assert.Contains("the object has been modified", Text(status["message"]), StringComparison.Ordinal);
        var current = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("stale", "default", cancellationToken: Timeout());
        Assert.Equal("once", current.Metadata.Labels["changed"]);
    }

    [Fact]
    public async Task Create_InMissingNamespace_Returns404ForTheNamespace()
    {
        var (code, status) = await FailureOf(() => Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("p", "nowhere"), "nowhere", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"nowhere\" not found", Text(status["message"]));
        Assert.Equal("namespaces", Text(status["details"]!["kind"]));
    }

    [Fact]
    public async Task Create_BodyNamespaceDiffersFromUrl_Returns400BadRequest()
    {
        var (code, status) = await FailureOf(() => Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("p", "shop"), "default", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", Text(status["reason"]));
        Assert.Contains("does not match the namespace", Text(status["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MalformedBody_Returns400BadRequest()
    {
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("apis/networking.k8s.io/v1/namespaces/default/networkpolicies", content, Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout()))!;
        Assert.Equal("Status", Text(status["kind"]));
    }

    [Fact]
    public async Task Post_FieldOfWrongType_Returns400StatusNot500()
    {
        using var content = new StringContent("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":5}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync("api/v1/namespaces/default/pods", content, Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(Timeout()))!;
        Assert.Equal("BadRequest", Text(status["reason"]));
        Assert.Equal(0, Server.WriteCount);
    }

    [Fact]
    public async Task Create_UnknownFieldWithStrictValidation_Returns400NamingTheField()
    {
        const string body = "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"typo\"},\"spec\":{\"podSelctor\":{}}}";
        using var strict = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var lenient = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var refused = await Http.PostAsync("apis/networking.k8s.io/v1/namespaces/default/networkpolicies?fieldValidation=Strict", strict, Timeout());
        using var accepted = await Http.PostAsync("apis/networking.k8s.io/v1/namespaces/default/networkpolicies", lenient, Timeout());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(await refused.Content.ReadAsStringAsync(Timeout()))!;
        Assert.Equal("NetworkPolicy in version \"v1\" cannot be handled as a NetworkPolicy: strict decoding error: unknown field \"spec.podSelctor\"", Text(status["message"]));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Create_GenerateName_GetsUniqueName()
    {
        var policy = Policy("");
        policy.Metadata.Name = null;
        policy.Metadata.GenerateName = "gen-";

        var a = await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, "default", cancellationToken: Timeout());
        var b = await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, "default", cancellationToken: Timeout());

        Assert.StartsWith("gen-", a.Metadata.Name, StringComparison.Ordinal);
        Assert.NotEqual(a.Metadata.Name, b.Metadata.Name);
    }

    [Fact]
    public async Task DeleteNamespace_RemovesEverythingInIt()
    {
        Assert.NotEmpty((await Client.CoreV1.ListNamespacedPodAsync("shop", cancellationToken: Timeout())).Items);

        await Client.CoreV1.DeleteNamespaceAsync("shop", cancellationToken: Timeout());

        Assert.Empty((await Client.CoreV1.ListNamespacedPodAsync("shop", cancellationToken: Timeout())).Items);
        Assert.Empty((await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("shop", cancellationToken: Timeout())).Items);
        var (code, _) = await FailureOf(() => Client.CoreV1.ReadNamespaceAsync("shop", cancellationToken: Timeout()));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task CreateNamespace_GetsMetadataNameLabel()
    {
        var ns = await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "fresh" } }, cancellationToken: Timeout());

        Assert.Equal("fresh", ns.Metadata.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("Active", ns.Status.Phase);
    }

    [Fact]
    public async Task MergePatch_ChangesOnlyThePatchedFields()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("merge"), "default", cancellationToken: Timeout());
        var patch = new V1Patch("{\"metadata\":{\"labels\":{\"owner\":\"team-a\"}},\"spec\":{\"podSelector\":{\"matchLabels\":{\"role\":\"cache\"}}}}", V1Patch.PatchType.MergePatch);

        var patched = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(patch, "merge", "default", cancellationToken: Timeout());

        Assert.Equal("team-a", patched.Metadata.Labels["owner"]);
        Assert.Equal("cache", patched.Spec.PodSelector.MatchLabels["role"]);
        Assert.Equal("guestbook", patched.Spec.Ingress[0].FromProperty[0].PodSelector.MatchLabels["k8s-app"]);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task JsonPatch_ReplacesAField()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("jsonpatch"), "default", cancellationToken: Timeout());
        var patch = new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/podSelector/matchLabels/role\",\"value\":\"queue\"}]", V1Patch.PatchType.JsonPatch);

        var patched = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(patch, "jsonpatch", "default", cancellationToken: Timeout());

        Assert.Equal("queue", patched.Spec.PodSelector.MatchLabels["role"]);
    }
}
