using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>SelfSubjectAccessReviews as the user, per namespace, cached briefly per identity.</summary>
public sealed class PolicyAccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DashboardUser Alice = KubernetesIdentityResolverTests.Person("alice@example.com", "cluster-admins", "netpol-shop");

    private static (PolicyAccessService Service, DashboardUserHolder User, ManualClock Clock) Access(
        SandboxCluster cluster, DashboardUser user, KubernetesIdentity identity = KubernetesIdentity.Impersonate)
    {
        var holder = new DashboardUserHolder(user);
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return (new PolicyAccessService(new FixedUser(holder), KubernetesIdentityResolverTests.Resolver(identity), cluster.Provider, clock), holder, clock);
    }

    [Fact]
    public async Task ForNamespace_AdminGrantedThere_CanChange()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, _, _) = Access(cluster, Alice);

        var shop = await access.ForNamespaceAsync("shop", Ct);

        Assert.True(shop.Known);
        Assert.True(shop.CanChange);
        Assert.Equal("alice@example.com", shop.ActingAs);
        Assert.All(cluster.Reviews, r => Assert.Equal("alice@example.com", r.User));
        Assert.Equal(3, cluster.Reviews.Count());
    }

    [Fact]
    public async Task ForNamespace_AdminNotGrantedThere_CannotChangeAndSaysWhy()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, _, _) = Access(cluster, Alice);

        var other = await access.ForNamespaceAsync("default", Ct);

        Assert.True(other.Known);
        Assert.False(other.CanApply);
        Assert.False(other.CanDelete);
        Assert.Contains("Kubernetes RBAC does not let alice@example.com create, patch, delete networkpolicies in default", other.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForNamespace_ApplyWithoutDelete_IsReportedPerVerb()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, _, _) = Access(cluster, KubernetesIdentityResolverTests.Person("applier"));

        var answer = await access.ForNamespaceAsync("default", Ct);

        Assert.True(answer.CanApply);
        Assert.False(answer.CanDelete);
        Assert.False(answer.CanChange);
    }

    [Fact]
    public async Task ForNamespace_Auditor_IsNoWithoutAskingTheCluster()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, _, _) = Access(cluster, Alice with { Role = DashboardRole.Auditor });

        var shop = await access.ForNamespaceAsync("shop", Ct);

        Assert.False(shop.CanChange);
        Assert.Contains("Auditor", shop.Reason, StringComparison.Ordinal);
        Assert.Empty(cluster.Reviews);
    }

    [Fact]
    public async Task ForNamespace_AskedAgainWithinTheLifetime_IsAnsweredFromTheCache()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, _, clock) = Access(cluster, Alice);

        await access.ForNamespaceAsync("shop", Ct);
        clock.Now += TimeSpan.FromSeconds(59);
        await access.ForNamespaceAsync("shop", Ct);
        var cached = cluster.Reviews.Count();
        clock.Now += TimeSpan.FromSeconds(2);
        await access.ForNamespaceAsync("shop", Ct);

        Assert.Equal(3, cached);
        Assert.Equal(6, cluster.Reviews.Count());
    }

    [Fact]
    public async Task ForNamespace_GroupsChanged_AsksAgainForTheNewIdentity()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, user, _) = Access(cluster, Alice);

        var before = await access.ForNamespaceAsync("shop", Ct);
        user.User = Alice with { Groups = ["cluster-admins"] };
        var after = await access.ForNamespaceAsync("shop", Ct);

        Assert.True(before.CanChange);
        Assert.False(after.CanChange);
    }

    [Fact]
    public async Task ForNamespace_ClusterUnreachable_IsUnknownAndNotCached()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        using var unreachable = new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(new Uri("http://127.0.0.1:1/")));
        var holder = new DashboardUserHolder(Alice);
        var access = new PolicyAccessService(new FixedUser(holder), KubernetesIdentityResolverTests.Resolver(), unreachable, TimeProvider.System);

        var answer = await access.ForNamespaceAsync("shop", Ct);

        Assert.False(answer.Known);
        Assert.False(answer.CanChange);
        Assert.Contains("could not be asked", answer.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForNamespace_ServiceAccountMode_AnswersForTheDashboardsOwnAccount()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (access, _, _) = Access(cluster, Alice, KubernetesIdentity.ServiceAccount);

        var answer = await access.ForNamespaceAsync("default", Ct);

        Assert.True(answer.CanChange);
        Assert.Contains("ServiceAccount", answer.ActingAs, StringComparison.Ordinal);
        Assert.All(cluster.Reviews, r => Assert.False(r.Impersonated));
    }
}
