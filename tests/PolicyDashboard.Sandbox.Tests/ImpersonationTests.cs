using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Sandbox.Tests;

/// <summary>
/// The sandbox honours Impersonate-User / Impersonate-Group with its small RBAC model: grants per user or group,
/// verbs, resources and namespaces; 403 Status messages as the API server words them; an audit list per write.
/// </summary>
public sealed class ImpersonationTests : SandboxTestBase
{
    protected override SandboxOptions Options => new()
    {
        Scenario = "demo",
        Grants =
        [
            new SandboxGrant
            {
                User = "alice", Verbs = ["get", "list", "create", "patch", "delete"], ApiGroups = ["networking.k8s.io"],
                Resources = ["networkpolicies"], Namespaces = ["shop"],
            },
            new SandboxGrant { Group = "netpol-editors", Verbs = ["*"], ApiGroups = ["networking.k8s.io"], Resources = ["networkpolicies"], Namespaces = ["team-doc"] },
            new SandboxGrant { User = "patcher", Verbs = ["patch"], ApiGroups = ["networking.k8s.io"], Resources = ["networkpolicies"] },
        ],
    };

    private static string PolicyJson(string name, string ns) => new JsonObject
    {
        ["apiVersion"] = "networking.k8s.io/v1",
        ["kind"] = "NetworkPolicy",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["podSelector"] = new JsonObject() },
    }.ToJsonString();

    private async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(
        HttpMethod method, string path, string? body, string? user, string[]? groups = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        if (user is not null) request.Headers.Add("Impersonate-User", user);
        foreach (var g in groups ?? []) request.Headers.Add("Impersonate-Group", g);
        using var response = await Http.SendAsync(request, Timeout());
        var text = await response.Content.ReadAsStringAsync(Timeout());
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private Task<(HttpStatusCode Code, JsonObject Body)> CreatePolicyAsync(string ns, string name, string? user, string[]? groups = null) =>
        SendAsync(HttpMethod.Post, $"/apis/networking.k8s.io/v1/namespaces/{ns}/networkpolicies", PolicyJson(name, ns), user, groups);

    private Task<(HttpStatusCode Code, JsonObject Body)> ReviewAsync(string verb, string ns, string? user, string[]? groups = null) =>
        SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
            new JsonObject
            {
                ["apiVersion"] = "authorization.k8s.io/v1",
                ["kind"] = "SelfSubjectAccessReview",
                ["spec"] = new JsonObject
                {
                    ["resourceAttributes"] = new JsonObject { ["namespace"] = ns, ["verb"] = verb, ["group"] = "networking.k8s.io", ["resource"] = "networkpolicies" },
                },
            }.ToJsonString(),
            user, groups);

    [Fact]
    public async Task Create_ImpersonatedUserGrantedInNamespace_IsCreated()
    {
        var (code, body) = await CreatePolicyAsync("shop", "alice-made", "alice");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("alice-made", Text(body["metadata"]?["name"]));
        Assert.NotNull(await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("alice-made", "shop", cancellationToken: Timeout()));
    }

    [Fact]
    public async Task Create_ImpersonatedUserInNamespaceWithoutGrant_Is403WithTheApiServersMessage()
    {
        var writesBefore = Server.WriteCount;

        var (code, status) = await CreatePolicyAsync("default", "alice-made", "alice");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("Status", Text(status["kind"]));
        Assert.Equal("Failure", Text(status["status"]));
        Assert.Equal("Forbidden", Text(status["reason"]));
        Assert.Equal(403, status["code"]!.GetValue<int>());
        Assert.Equal(
            "networkpolicies.networking.k8s.io is forbidden: User \"alice\" cannot create resource \"networkpolicies\" in API group \"networking.k8s.io\" in the namespace \"default\"",
            Text(status["message"]));
        Assert.Equal("networking.k8s.io", Text(status["details"]?["group"]));
        Assert.Equal("networkpolicies", Text(status["details"]?["kind"]));
        Assert.Equal(writesBefore, Server.WriteCount);
        Assert.DoesNotContain((await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("default", cancellationToken: Timeout())).Items,
            p => p.Metadata.Name == "alice-made");
    }

    [Fact]
    public async Task Delete_ImpersonatedUserWithoutGrant_Is403NamingTheObject()
    {
        var (code, status) = await SendAsync(HttpMethod.Delete, "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/default-deny-all", null, "bob");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal(
            "networkpolicies.networking.k8s.io \"default-deny-all\" is forbidden: User \"bob\" cannot delete resource \"networkpolicies\" in API group \"networking.k8s.io\" in the namespace \"shop\"",
            Text(status["message"]));
    }

    [Fact]
    public async Task Create_GroupGrant_AllowsMembersInItsNamespaceOnly()
    {
        var (allowed, _) = await CreatePolicyAsync("team-doc", "by-group", "carol", ["netpol-editors"]);
        var (refused, status) = await CreatePolicyAsync("shop", "by-group", "carol", ["netpol-editors"]);
        var (withoutGroup, _) = await CreatePolicyAsync("team-doc", "no-group", "carol");

        Assert.Equal(HttpStatusCode.Created, allowed);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Contains("User \"carol\" cannot create", Text(status["message"]), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, withoutGroup);
    }

    [Fact]
    public async Task ServerSideApply_NewObjectWithPatchGrantOnly_Is403ForCreate()
    {
        var (code, status) = await SendAsync(HttpMethod.Patch, "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/new-one?fieldManager=t",
            PolicyJson("new-one", "shop"), "patcher", contentType: "application/apply-patch+yaml");
        var (existing, _) = await SendAsync(HttpMethod.Patch, "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/default-deny-all?fieldManager=t&force=true",
            PolicyJson("default-deny-all", "shop"), "patcher", contentType: "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal(
            "networkpolicies.networking.k8s.io is forbidden: User \"patcher\" cannot create resource \"networkpolicies\" in API group \"networking.k8s.io\" in the namespace \"shop\"",
            Text(status["message"]));
        Assert.Equal(HttpStatusCode.OK, existing);
    }

    [Fact]
    public async Task List_ImpersonatedUserWithoutGrant_Is403AtTheClusterScope()
    {
        var (code, status) = await SendAsync(HttpMethod.Get, "/api/v1/pods", null, "alice");

        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("pods is forbidden: User \"alice\" cannot list resource \"pods\" in API group \"\" at the cluster scope", Text(status["message"]));
    }

    [Fact]
    public async Task Requests_WithoutImpersonation_ActAsTheServerWithFullAccess()
    {
        var (code, _) = await CreatePolicyAsync("default", "server-made", user: null);
        var (list, _) = await SendAsync(HttpMethod.Get, "/api/v1/pods", null, user: null);

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(HttpStatusCode.OK, list);
        var entry = Assert.Single(Server.Audit);
        Assert.Equal("sandbox-admin", entry.User);
        Assert.False(entry.Impersonated);
    }

    [Fact]
    public async Task Create_SystemMastersMember_IsAllowedWithoutGrant()
    {
        var (code, _) = await CreatePolicyAsync("kube-system", "root-made", "root", ["system:masters"]);

        Assert.Equal(HttpStatusCode.Created, code);
    }

    [Fact]
    public async Task Request_ImpersonateGroupWithoutUser_Is400()
    {
        var (code, status) = await SendAsync(HttpMethod.Get, "/api/v1/namespaces", null, user: null, groups: ["system:masters"]);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("without impersonating a user", Text(status["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfSubjectAccessReview_AnswersForTheImpersonatedUser()
    {
        var (code, shop) = await ReviewAsync("create", "shop", "alice");
        var (_, elsewhere) = await ReviewAsync("create", "default", "alice");
        var (_, update) = await ReviewAsync("update", "shop", "alice");
        var (_, group) = await ReviewAsync("delete", "team-doc", "dave", ["netpol-editors"]);
        var (_, server) = await ReviewAsync("delete", "default", user: null);

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("SelfSubjectAccessReview", Text(shop["kind"]));
        Assert.True(shop["status"]!["allowed"]!.GetValue<bool>());
        Assert.Contains("User \"alice\"", Text(shop["status"]!["reason"]), StringComparison.Ordinal);
        Assert.False(elsewhere["status"]!["allowed"]!.GetValue<bool>());
        Assert.False(update["status"]!["allowed"]!.GetValue<bool>());
        Assert.True(group["status"]!["allowed"]!.GetValue<bool>());
        Assert.True(server["status"]!["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SelfSubjectAccessReview_WithTheTypedClient_MatchesWhatTheServerEnforces()
    {
        using var asAlice = NewClient();
        var review = new k8s.Models.V1SelfSubjectAccessReview
        {
            Spec = new k8s.Models.V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new k8s.Models.V1ResourceAttributes { NamespaceProperty = "default", Verb = "create", Group = "networking.k8s.io", Resource = "networkpolicies" },
            },
        };
        using var answer = await asAlice.AuthorizationV1.CreateSelfSubjectAccessReviewWithHttpMessagesAsync(review,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { ["Impersonate-User"] = ["alice"] }, cancellationToken: Timeout());
        var (enforced, _) = await CreatePolicyAsync("default", "checked", "alice");

        Assert.False(answer.Body.Status.Allowed);
        Assert.Equal(HttpStatusCode.Forbidden, enforced);
    }

    [Fact]
    public async Task Audit_ImpersonatedWrites_RecordTheUserGroupsAndOutcome()
    {
        await CreatePolicyAsync("team-doc", "audited", "erin", ["netpol-editors"]);
        await CreatePolicyAsync("default", "refused", "erin", ["netpol-editors"]);
        await SendAsync(HttpMethod.Get, "/apis/networking.k8s.io/v1/namespaces/team-doc/networkpolicies", null, "erin", ["netpol-editors"]);

        Assert.Collection(Server.Audit,
            created =>
            {
                Assert.Equal("erin", created.User);
                Assert.Equal(["netpol-editors", "system:authenticated"], created.Groups);
                Assert.True(created.Impersonated);
                Assert.Equal(("create", "networking.k8s.io", "networkpolicies", "team-doc"), (created.Verb, created.ApiGroup, created.Resource, created.Namespace));
                Assert.Equal(201, created.Code);
                Assert.Equal(["impersonate-group", "impersonate-user"], created.CredentialHeaders);
            },
            refused =>
            {
                Assert.Equal("erin", refused.User);
                Assert.Equal("default", refused.Namespace);
                Assert.Equal(403, refused.Code);
            });
    }

    [Fact]
    public async Task Audit_DryRun_IsRecordedAsDryRun()
    {
        await SendAsync(HttpMethod.Post, "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies?dryRun=All", PolicyJson("dry", "shop"), "alice");

        var entry = Assert.Single(Server.Audit);
        Assert.True(entry.DryRun);
        Assert.Equal("alice", entry.User);
        Assert.Equal(201, entry.Code);
    }

    [Theory]
    [InlineData(null, null, "exactly one of User or Group")]
    [InlineData("u", "g", "exactly one of User or Group")]
    public void Validate_GrantWithoutExactlyOneSubject_NamesTheGrant(string? user, string? group, string expected)
    {
        var options = new SandboxOptions { Grants = [new SandboxGrant { User = user, Group = group, Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] }] };

        var problem = Assert.Single(options.Validate());

        Assert.StartsWith("Grants[0]", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GrantWithoutVerbsOrResources_NamesEachField()
    {
        var options = new SandboxOptions { Grants = [SandboxGrant.AllToUser("ok"), new SandboxGrant { User = "u", ApiGroups = [""] }] };

        var problems = options.Validate();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Grants[1].Verbs", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Grants[1].Resources", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_GrantOnTheCommandLine_ReadsSubjectVerbsResourcesAndNamespaces()
    {
        Assert.True(SandboxProgram.TryParse(["--port", "0",
            "--grant", "group=netpol-editors:create,patch:networking.k8s.io/networkpolicies:shop,team-doc",
            "--grant", "user=alice:get,list:pods"], out var options, out _, out var error), error);

        Assert.Equal(2, options.Grants.Count);
        var group = options.Grants[0];
        Assert.Equal(("netpol-editors", (string?)null), (group.Group, group.User));
        Assert.Equal(["create", "patch"], group.Verbs);
        Assert.Equal(["networking.k8s.io"], group.ApiGroups);
        Assert.Equal(["networkpolicies"], group.Resources);
        Assert.Equal(["shop", "team-doc"], group.Namespaces);
        Assert.Equal([""], options.Grants[1].ApiGroups);
        Assert.Empty(options.Grants[1].Namespaces);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("alice:get:pods")]
    [InlineData("role=x:get:pods")]
    [InlineData("user=:get:pods")]
    public void TryParse_MalformedGrant_FailsShowingTheForm(string grant)
    {
        Assert.False(SandboxProgram.TryParse(["--port", "0", "--grant", grant], out _, out _, out var error));

        Assert.Contains("user=NAME|group=NAME:VERBS:RESOURCES", error, StringComparison.Ordinal);
    }
}
