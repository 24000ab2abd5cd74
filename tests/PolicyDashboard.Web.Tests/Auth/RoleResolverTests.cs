using System.Security.Claims;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class RoleResolverTests
{
    private static readonly RoleResolver Oidc = new(AuthTestOptions.Monitor(AuthTestOptions.Bind(AuthTestOptions.ValidOidc)));

    private static ClaimsPrincipal Person(params string[] groups) =>
        new(new ClaimsIdentity(
            [new Claim("sub", "u-1"), new Claim("name", "Pat"), .. groups.Select(g => new Claim("groups", g))],
            "test", "name", "groups"));

    [Theory]
    [InlineData(DashboardRole.Admin, "cluster-admins")]
    [InlineData(DashboardRole.Auditor, "auditors")]
    [InlineData(DashboardRole.Admin, "auditors", "cluster-admins")]
    [InlineData(DashboardRole.None, "developers")]
    [InlineData(DashboardRole.None)]
    [InlineData(DashboardRole.None, "Cluster-Admins")]
    public void Resolve_Groups_GiveRole(DashboardRole expected, params string[] groups)
    {
        var user = Oidc.Resolve(Person(groups));

        Assert.Equal(expected, user.Role);
        Assert.Equal(expected == DashboardRole.Admin, user.IsAdmin);
        Assert.Equal(expected != DashboardRole.None, user.IsReader);
        Assert.Equal("Pat", user.Name);
        Assert.Equal(groups.Distinct(), user.Groups);
    }

    [Fact]
    public void Resolve_AnonymousPrincipal_HasNoRole()
    {
        var user = Oidc.Resolve(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.False(user.IsAuthenticated);
        Assert.Equal(DashboardRole.None, user.Role);
    }

    [Fact]
    public void Resolve_UnsecuredMarkerInOpenIdConnectMode_IsNotAdmin()
    {
        var principal = Person();
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(DashboardClaims.Unsecured, "true"));

        var user = Oidc.Resolve(principal);

        Assert.Equal(DashboardRole.None, user.Role);
        Assert.False(user.IsUnsecured);
    }

    [Fact]
    public void Resolve_UnsecuredMode_EveryoneIsLocalAdmin()
    {
        var unsecured = new RoleResolver(AuthTestOptions.Monitor(AuthTestOptions.Bind(new Dictionary<string, string?> { ["Auth:Mode"] = "Unsecured" })));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(DashboardClaims.Unsecured, "true")], "Unsecured"));

        var user = unsecured.Resolve(principal);

        Assert.True(user.IsAdmin);
        Assert.True(user.IsUnsecured);
    }

    [Fact]
    public void Resolve_CustomGroupsClaim_ReadsThatClaim()
    {
        var options = AuthTestOptions.Bind(AuthTestOptions.ValidOidc.With(("Auth:OpenIdConnect:GroupsClaim", "roles")));
        var resolver = new RoleResolver(AuthTestOptions.Monitor(options));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u"), new Claim("groups", "cluster-admins"), new Claim("roles", "auditors")], "t"));

        Assert.Equal(DashboardRole.Auditor, resolver.Resolve(principal).Role);
    }

    [Fact]
    public void Resolve_UsernameClaim_IsTheKubernetesUsername()
    {
        var resolver = new RoleResolver(AuthTestOptions.Monitor(AuthTestOptions.Bind(AuthTestOptions.ValidOidc.With(("Auth:OpenIdConnect:UsernameClaim", "email")))));
        var principal = Person("cluster-admins");
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("email", "pat@example.com"));

        Assert.Equal("pat@example.com", resolver.Resolve(principal).Username);
        Assert.Equal("u-1", Oidc.Resolve(principal).Username);
    }
}
