using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Hosting;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// The running app in Demo mode (Unsecured, loopback): what its embedded API server receives when the dashboard
/// acts for the local admin, whatever headers the browser sent to the dashboard.
/// </summary>
public sealed class ImpersonationAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NamespacePage_ClientSendsImpersonationAndAuthorizationHeaders_ApiServerSeesOnlyTheDashboardsOwn()
    {
        using var app = new AuthTestApp();
        var sandbox = app.Services.GetRequiredService<DemoCluster>().Server;
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/namespaces/shop");
        request.Headers.Add("Accept", "text/html");
        request.Headers.Add("Impersonate-User", "system:admin");
        request.Headers.Add("Impersonate-Group", "system:masters");
        request.Headers.Add("Impersonate-Uid", "0");
        request.Headers.Add("Impersonate-Extra-scopes", "everything");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer stolen-token");

        using var response = await http.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {html[..Math.Min(300, html.Length)]}");
        Assert.Contains("data-can-change=\"yes\"", html, StringComparison.Ordinal);
        var reviews = sandbox.Audit.Where(e => e.Resource == "selfsubjectaccessreviews").ToList();
        Assert.Equal(3, reviews.Count);
        Assert.All(reviews, r =>
        {
            Assert.Equal(KubernetesIdentityResolver.UnsecuredLocalAdmin, r.User);
            Assert.Equal(["system:authenticated"], r.Groups);
            Assert.Equal(["impersonate-user"], r.CredentialHeaders);
        });
        Assert.DoesNotContain(sandbox.Audit, e => e.User == "system:admin" || (e.Impersonated && e.Groups.Contains("system:masters")));
        // The dashboard's own requests (its state: the demo's namespace, the activity history) carry no client header.
        Assert.All(sandbox.Audit.Where(e => !e.Impersonated), e => Assert.Empty(e.CredentialHeaders));
    }

    [Fact]
    public async Task PolicyWriter_FromTheAppsServices_WritesAsTheLocalAdmin()
    {
        using var app = new AuthTestApp();
        var sandbox = app.Services.GetRequiredService<DemoCluster>().Server;
        await using var scope = app.Services.CreateAsyncScope();
        var unsecured = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "local-admin"), new Claim(DashboardClaims.Unsecured, "true")], "Unsecured"));
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = unsecured };
        var writer = scope.ServiceProvider.GetRequiredService<IPolicyWriter>();

        var result = await writer.ApplyAsync("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: from-the-app, namespace: team-doc}
            spec: {podSelector: {}}
            """, WriteOptions.Default, Ct);

        Assert.IsType<ActingUserPolicyWriter>(writer);
        Assert.IsType<WriteResult.Applied>(result);
        var write = Assert.Single(sandbox.Audit, e => e.Resource == "networkpolicies");
        Assert.Equal((KubernetesIdentityResolver.UnsecuredLocalAdmin, "team-doc", 201), (write.User, write.Namespace, write.Code));
    }

    [Fact]
    public async Task Composer_FromTheAppsServices_AppliesAsTheLocalAdmin()
    {
        using var app = new AuthTestApp();
        var sandbox = app.Services.GetRequiredService<DemoCluster>().Server;
        var analysis = app.Services.GetRequiredService<PolicyDashboard.Web.Analysis.IReachabilityAnalysis>();
        using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            await foreach (var r in analysis.WatchAsync(ready.Token))
                if (r.Snapshot.Pods.Count > 0 && r.Snapshot.NetworkPolicies.Count > 0) break;
        await using var scope = app.Services.CreateAsyncScope();
        var unsecured = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "local-admin"), new Claim(DashboardClaims.Unsecured, "true")], "Unsecured"));
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = unsecured };
        var composer = scope.ServiceProvider.GetRequiredService<PolicyDashboard.Web.Compose.ComposerService>();
        var snapshot = analysis.Current.Snapshot;
        var draft = PolicyDashboard.Web.Compose.DraftAnalyzer.Analyze(
            PolicyDashboard.Web.Compose.PolicyTemplates.Create("allow-redis", "default", snapshot)!.Yaml, snapshot, Ct);

        var outcome = await composer.DryRunAsync(draft, Ct);

        Assert.True(outcome.Succeeded, outcome.Refused);
        var write = Assert.Single(sandbox.Audit, e => e.Resource == "networkpolicies");
        Assert.Equal((KubernetesIdentityResolver.UnsecuredLocalAdmin, true), (write.User, write.DryRun));
        Assert.True(write.Code is 200 or 201, $"status {write.Code}");
    }

    [Fact]
    public void DemoGrants_AdminGroupsAndLocalAdmin_MayDoEverything()
    {
        var auth = AuthTestOptions.Bind(AuthTestOptions.ValidOidc);
        auth.OpenIdConnect.GroupsPrefix = "oidc:";

        var grants = DemoCluster.Grants(auth);

        Assert.Equal([KubernetesIdentityResolver.UnsecuredLocalAdmin, null], grants.Select(g => g.User));
        Assert.Equal([null, "oidc:cluster-admins"], grants.Select(g => g.Group));
        Assert.All(grants, g => Assert.Equal(["*"], g.Verbs));
    }
}
