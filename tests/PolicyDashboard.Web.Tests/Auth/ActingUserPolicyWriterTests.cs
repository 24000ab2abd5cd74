using Microsoft.Extensions.Logging.Abstractions;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// The web app's writer: admins only, and always as the signed-in person — the embedded API server records the
/// person and applies its RBAC to them.
/// </summary>
public sealed class ActingUserPolicyWriterTests
{
    private const string DenyAll = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny-all
          namespace: {0}
        spec:
          podSelector: {{}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string In(string ns) => string.Format(System.Globalization.CultureInfo.InvariantCulture, DenyAll, ns);

    private static ActingUserPolicyWriter Writer(SandboxCluster cluster, DashboardUser user, KubernetesIdentity identity = KubernetesIdentity.Impersonate)
    {
        var current = new FixedUser(new DashboardUserHolder(user));
        return new ActingUserPolicyWriter(new PolicyWriter(cluster.Provider), new MutationGuard(current, new WritableInstall(), NullLogger<MutationGuard>.Instance), current,
            KubernetesIdentityResolverTests.Resolver(identity));
    }

    [Fact]
    public async Task Apply_AdminWithRbacGrant_IsAttributedToThePersonInTheServer()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var writer = Writer(cluster, KubernetesIdentityResolverTests.Person("alice@example.com", "cluster-admins", "netpol-shop"));

        var result = await writer.ApplyAsync(In("shop"), WriteOptions.Default, Ct);

        Assert.IsType<WriteResult.Applied>(result);
        var entry = Assert.Single(cluster.Server.Audit);
        Assert.Equal("alice@example.com", entry.User);
        Assert.Equal(["cluster-admins", "netpol-shop", "system:authenticated"], entry.Groups);
        Assert.Equal((201, "shop", "deny-all"), (entry.Code, entry.Namespace, entry.Name));
    }

    [Fact]
    public async Task Apply_AdminOutsideTheRbacGrant_IsForbiddenByTheCluster()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var writer = Writer(cluster, KubernetesIdentityResolverTests.Person("alice@example.com", "cluster-admins", "netpol-shop"));

        var result = await writer.ApplyAsync(In("default"), WriteOptions.Default, Ct);

        var forbidden = Assert.IsType<WriteResult.Forbidden>(result);
        Assert.Contains("User \"alice@example.com\" cannot patch resource \"networkpolicies\"", forbidden.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Server.WriteCount);
    }

    [Fact]
    public async Task Apply_CallerSuppliedIdentity_IsReplacedByTheSignedInPerson()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var writer = Writer(cluster, KubernetesIdentityResolverTests.Person("alice@example.com", "netpol-shop"));

        await writer.ApplyAsync(In("shop"), new WriteOptions(As: new RequestIdentity("mallory", ["system:masters"])), Ct);

        var entry = Assert.Single(cluster.Server.Audit);
        Assert.Equal("alice@example.com", entry.User);
        Assert.DoesNotContain("system:masters", entry.Groups);
    }

    [Fact]
    public async Task Delete_Auditor_IsRefusedBeforeTheClusterIsAsked()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var auditor = KubernetesIdentityResolverTests.Person("audrey", "netpol-shop") with { Role = DashboardRole.Auditor };
        var writer = Writer(cluster, auditor);

        await Assert.ThrowsAsync<DashboardForbiddenException>(() => writer.DeleteAsync("NetworkPolicy", "shop", "default-deny-all", WriteOptions.Default, Ct));
        await Assert.ThrowsAsync<DashboardForbiddenException>(() => writer.ApplyAsync(In("shop"), new WriteOptions(DryRun: true), Ct));

        Assert.Empty(cluster.Server.Audit);
    }

    [Fact]
    public async Task Apply_UnsecuredLocalAdmin_IsImpersonatedUnderItsOwnName()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var writer = Writer(cluster, KubernetesIdentityResolverTests.LocalAdmin);

        var result = await writer.ApplyAsync(In("shop"), WriteOptions.Default, Ct);

        // The test cluster grants the local admin nothing: the refusal proves the request was made as it.
        Assert.Contains("User \"policy-dashboard:unsecured-local-admin\"", Assert.IsType<WriteResult.Forbidden>(result).Message, StringComparison.Ordinal);
        Assert.Equal("policy-dashboard:unsecured-local-admin", Assert.Single(cluster.Server.Audit).User);
    }

    [Fact]
    public async Task Apply_ServiceAccountMode_UsesTheDashboardsOwnAccount()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var writer = Writer(cluster, KubernetesIdentityResolverTests.Person("alice@example.com"), KubernetesIdentity.ServiceAccount);

        var result = await writer.ApplyAsync(In("default"), WriteOptions.Default, Ct);

        Assert.IsType<WriteResult.Applied>(result);
        var entry = Assert.Single(cluster.Server.Audit);
        Assert.False(entry.Impersonated);
    }

    [Fact]
    public async Task Apply_SignedInUserWithoutUsername_IsForbiddenWithoutWriting()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var writer = Writer(cluster, KubernetesIdentityResolverTests.Person(username: ""));

        var result = await writer.ApplyAsync(In("shop"), WriteOptions.Default, Ct);

        Assert.Contains("UsernameClaim", Assert.IsType<WriteResult.Forbidden>(result).Message, StringComparison.Ordinal);
        Assert.Empty(cluster.Server.Audit);
    }

    /// <summary>Dashboard:ReadOnly unset: an install that may write.</summary>
    private sealed class WritableInstall : Microsoft.Extensions.Options.IOptionsMonitor<DashboardOptions>
    {
        public DashboardOptions CurrentValue { get; } = new();
        public DashboardOptions Get(string? name) => CurrentValue;
        public IDisposable? OnChange(Action<DashboardOptions, string?> listener) => null;
    }
}
