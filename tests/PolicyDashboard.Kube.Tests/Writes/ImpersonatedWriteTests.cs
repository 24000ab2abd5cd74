using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Kube.Tests.Writes;

/// <summary>
/// Writes with <see cref="WriteOptions.As"/> reach the API server as that person: the embedded server authorizes them
/// against its grants and records them under the person's name.
/// </summary>
public sealed class ImpersonatedWriteTests : IAsyncLifetime
{
    private const string Policy = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny-all
          namespace: {0}
        spec:
          podSelector: {{}}
        """;

    private static readonly RequestIdentity Alice = new("alice", ["netpol-editors", "team-a"]);

    private SandboxServer _server = null!;
    private KubernetesClientProvider _provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scenario = "demo",
            Grants =
            [
                new SandboxGrant
                {
                    Group = "netpol-editors", Verbs = ["create", "patch", "delete"], ApiGroups = ["networking.k8s.io"],
                    Resources = ["networkpolicies"], Namespaces = ["shop"],
                },
            ],
        }, Ct);
        _provider = new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(_server.BaseAddress));
    }

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        await _server.DisposeAsync();
    }

    private static string In(string ns) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, ns);

    [Fact]
    public async Task Apply_AsUserWithGrant_IsAttributedToTheUserInTheServer()
    {
        var writer = new PolicyWriter(_provider);

        var result = await writer.ApplyAsync(In("shop"), new WriteOptions(As: Alice), Ct);

        Assert.IsType<WriteResult.Applied>(result);
        var entry = Assert.Single(_server.Audit);
        Assert.Equal("alice", entry.User);
        Assert.Equal(["netpol-editors", "team-a", "system:authenticated"], entry.Groups);
        Assert.True(entry.Impersonated);
        Assert.Equal(("patch", "networkpolicies", "shop", "deny-all", 201), (entry.Verb, entry.Resource, entry.Namespace, entry.Name, entry.Code));
        Assert.Equal(["impersonate-group", "impersonate-user"], entry.CredentialHeaders);
    }

    [Fact]
    public async Task Apply_AsUserInNamespaceWithoutGrant_IsForbiddenWithTheServersMessage()
    {
        var writer = new PolicyWriter(_provider);

        var result = await writer.ApplyAsync(In("default"), new WriteOptions(As: Alice), Ct);

        var forbidden = Assert.IsType<WriteResult.Forbidden>(result);
        Assert.Contains("User \"alice\" cannot patch resource \"networkpolicies\" in API group \"networking.k8s.io\" in the namespace \"default\"",
            forbidden.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.WriteCount);
        Assert.Equal(403, Assert.Single(_server.Audit).Code);
    }

    [Fact]
    public async Task Delete_AsUser_IsAttributedToTheUser()
    {
        var writer = new PolicyWriter(_provider);

        var result = await writer.DeleteAsync("NetworkPolicy", "shop", "default-deny-all", new WriteOptions(As: Alice), Ct);

        Assert.IsType<WriteResult.Deleted>(result);
        var entry = Assert.Single(_server.Audit);
        Assert.Equal(("alice", "delete", "default-deny-all", 200), (entry.User, entry.Verb, entry.Name, entry.Code));
    }

    [Fact]
    public async Task Apply_WithoutIdentity_ActsAsTheDashboardsOwnAccount()
    {
        var writer = new PolicyWriter(_provider);

        var result = await writer.ApplyAsync(In("default"), WriteOptions.Default, Ct);

        Assert.IsType<WriteResult.Applied>(result);
        var entry = Assert.Single(_server.Audit);
        Assert.False(entry.Impersonated);
        Assert.Empty(entry.CredentialHeaders);
    }
}
