using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class KubernetesIdentityResolverTests
{
    internal static KubernetesIdentityResolver Resolver(
        KubernetesIdentity identity = KubernetesIdentity.Impersonate, string usernamePrefix = "", string groupsPrefix = "")
    {
        var auth = AuthTestOptions.Bind(AuthTestOptions.ValidOidc);
        auth.OpenIdConnect.UsernamePrefix = usernamePrefix;
        auth.OpenIdConnect.GroupsPrefix = groupsPrefix;
        return new KubernetesIdentityResolver(new StaticMonitor<KubernetesOptions>(new KubernetesOptions { Identity = identity }),
            AuthTestOptions.Monitor(auth), NullLogger<KubernetesIdentityResolver>.Instance);
    }

    internal static DashboardUser Person(string username = "alice@example.com", params string[] groups) =>
        new("u-1", "Alice", [.. groups], DashboardRole.Admin, true, false, username);

    internal static readonly DashboardUser LocalAdmin = new("local-admin", "Local admin (unsecured)", [], DashboardRole.Admin, true, true);

    [Fact]
    public void For_SignedInUser_IsTheUsernameClaimAndGroups()
    {
        var identity = Resolver().For(Person("alice@example.com", "cluster-admins", "team-a"));

        Assert.NotNull(identity);
        Assert.Equal("alice@example.com", identity.User);
        Assert.Equal(["cluster-admins", "team-a"], identity.Groups);
    }

    [Fact]
    public void For_Prefixes_AreAppliedAsTheClusterDoes()
    {
        var identity = Resolver(usernamePrefix: "oidc:", groupsPrefix: "oidc:").For(Person("alice", "team-a"));

        Assert.Equal("oidc:alice", identity!.User);
        Assert.Equal(["oidc:team-a"], identity.Groups);
    }

    [Fact]
    public void For_UnsecuredLocalAdmin_IsTheClearlyNamedLocalAdmin()
    {
        var identity = Resolver().For(LocalAdmin);

        Assert.Equal("policy-dashboard:unsecured-local-admin", identity!.User);
        Assert.Empty(identity.Groups);
    }

    [Fact]
    public void For_ServiceAccountMode_IsNull()
    {
        Assert.Null(Resolver(KubernetesIdentity.ServiceAccount).For(Person()));
        Assert.Null(Resolver(KubernetesIdentity.ServiceAccount).For(LocalAdmin));
    }

    [Fact]
    public void For_SystemGroupsFromTheIdp_AreLeftOut()
    {
        var identity = Resolver().For(Person("alice", "system:masters", "team-a", "system:nodes"));

        Assert.Equal(["team-a"], identity!.Groups);
    }

    [Theory]
    [InlineData("system:admin")]
    [InlineData("system:serviceaccount:kube-system:default")]
    public void For_SystemUsername_IsRefused(string username)
    {
        var e = Assert.Throws<KubernetesIdentityException>(() => Resolver().For(Person(username)));

        Assert.Contains("reserved", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_MissingUsernameClaim_IsRefusedNamingTheSetting()
    {
        var e = Assert.Throws<KubernetesIdentityException>(() => Resolver().For(Person(username: "")));

        Assert.Contains("Auth:OpenIdConnect:UsernameClaim", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Anonymous_IsRefused()
    {
        Assert.Throws<KubernetesIdentityException>(() => Resolver().For(DashboardUser.Anonymous));
    }

    private sealed class StaticMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
