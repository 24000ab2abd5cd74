using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class ServerSideApplyTests : SandboxTestBase
{
    [Fact]
    public async Task Apply_NewObject_CreatesItAndRecordsManagedFields()
    {
        var applied = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-new")), "ssa-new", "default",
            fieldManager: "alice", cancellationToken: Timeout());

        var entry = Assert.Single(applied.Metadata.ManagedFields);
        Assert.Equal("alice", entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Equal("networking.k8s.io/v1", entry.ApiVersion);
        Assert.Equal("FieldsV1", entry.FieldsType);
        // Label selectors are atomic structs and the rule lists atomic lists: each is owned as one field.
        var fields = JsonNode.Parse(KubernetesJson.Serialize(entry.FieldsV1))!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("{\"f:spec\":{\"f:ingress\":{},\"f:podSelector\":{}}}"), fields), fields.ToJsonString());
    }

    [Fact]
    public async Task Apply_SecondManagerChangesOwnedField_Returns409NamingFieldAndManager()
    {
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-conflict")), "ssa-conflict", "default",
            fieldManager: "alice", cancellationToken: Timeout());

        var (code, status) = await FailureOf(() => Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
            Apply(Policy("ssa-conflict", role: "cache")), "ssa-conflict", "default", fieldManager: "bob", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", Text(status["reason"]));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"alice\": .spec.podSelector", Text(status["message"]));
        var cause = Assert.Single(status["details"]!["causes"]!.AsArray())!;
        Assert.Equal("FieldManagerConflict", Text(cause["reason"]));
        Assert.Equal(".spec.podSelector", Text(cause["field"]));
        Assert.Equal("conflict with \"alice\"", Text(cause["message"]));
        var unchanged = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("ssa-conflict", "default", cancellationToken: Timeout());
        Assert.Equal("db", unchanged.Spec.PodSelector.MatchLabels["role"]);
    }

    [Fact]
    public async Task Apply_ConflictWithUpdateManager_NamesItsApiVersion()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("ssa-update"), "default", fieldManager: "kubectl", cancellationToken: Timeout());

        var (_, status) = await FailureOf(() => Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(
            Apply(Policy("ssa-update", role: "cache")), "ssa-update", "default", fieldManager: "bob", cancellationToken: Timeout()));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl\" using networking.k8s.io/v1: .spec.podSelector", Text(status["message"]));
    }

    [Fact]
    public async Task Apply_SameValueFromSecondManager_SharesOwnershipWithoutConflict()
    {
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-shared")), "ssa-shared", "default", fieldManager: "alice", cancellationToken: Timeout());

        var shared = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-shared")), "ssa-shared", "default", fieldManager: "bob", cancellationToken: Timeout());

        Assert.Equal(new[] { "alice", "bob" }, shared.Metadata.ManagedFields.Select(m => m.Manager).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apply_Force_TakesOverTheConflictingField()
    {
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-force")), "ssa-force", "default", fieldManager: "alice", cancellationToken: Timeout());
        var bobs = Policy("ssa-force", role: "cache");
        bobs.Spec.Ingress = null;

        var forced = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(bobs), "ssa-force", "default",
            fieldManager: "bob", force: true, cancellationToken: Timeout());

        Assert.Equal("cache", forced.Spec.PodSelector.MatchLabels["role"]);
        var alice = forced.Metadata.ManagedFields.Single(m => m.Manager == "alice");
        var bob = forced.Metadata.ManagedFields.Single(m => m.Manager == "bob");
        Assert.DoesNotContain("f:podSelector", KubernetesJson.Serialize(alice.FieldsV1), StringComparison.Ordinal);
        Assert.Contains("f:ingress", KubernetesJson.Serialize(alice.FieldsV1), StringComparison.Ordinal);
        Assert.Contains("f:podSelector", KubernetesJson.Serialize(bob.FieldsV1), StringComparison.Ordinal);
        // Alice's ingress rules stay: she still owns them.
        Assert.Single(forced.Spec.Ingress);
    }

    [Fact]
    public async Task Apply_FieldNoLongerSet_IsRemoved()
    {
        var withLabel = Policy("ssa-prune");
        withLabel.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a", ["tier"] = "db" };
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(withLabel), "ssa-prune", "default", fieldManager: "alice", cancellationToken: Timeout());

        var without = Policy("ssa-prune");
        without.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" };
        without.Spec.Ingress = null;
        var pruned = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(without), "ssa-prune", "default", fieldManager: "alice", cancellationToken: Timeout());

        Assert.Equal(new Dictionary<string, string> { ["team"] = "a" }, pruned.Metadata.Labels);
        Assert.Null(pruned.Spec.Ingress);
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Returns422()
    {
        using var content = new StringContent(KubernetesJson.Serialize(Policy("nomgr")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/apply-patch+yaml");
        using var request = new HttpRequestMessage(HttpMethod.Patch, "apis/networking.k8s.io/v1/namespaces/default/networkpolicies/nomgr") { Content = content };

        using var response = await Http.SendAsync(request, Timeout());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Apply_YamlBody_IsAccepted()
    {
        const string yaml = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: from-yaml
              namespace: default
            spec:
              podSelector:
                matchLabels:
                  role: db
              ingress:
                - ports:
                    - port: 6379
            """;
        using var content = new StringContent(yaml);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/apply-patch+yaml");
        using var request = new HttpRequestMessage(HttpMethod.Patch, "apis/networking.k8s.io/v1/namespaces/default/networkpolicies/from-yaml?fieldManager=yaml") { Content = content };

        using var response = await Http.SendAsync(request, Timeout());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("from-yaml", "default", cancellationToken: Timeout());
        Assert.Equal("6379", stored.Spec.Ingress[0].Ports[0].Port.Value);
        Assert.Equal("TCP", stored.Spec.Ingress[0].Ports[0].Protocol);
    }

    [Fact]
    public async Task Apply_Unchanged_KeepsResourceVersion()
    {
        var first = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-same")), "ssa-same", "default", fieldManager: "alice", cancellationToken: Timeout());

        var again = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("ssa-same")), "ssa-same", "default", fieldManager: "alice", cancellationToken: Timeout());

        Assert.Equal(first.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }
}
