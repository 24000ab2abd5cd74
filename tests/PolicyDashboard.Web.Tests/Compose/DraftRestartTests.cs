using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Auth;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>
/// Drafts outlive the dashboard: two app instances, one after the other, against one API server the test started
/// (Kubeconfig mode), each resolving <see cref="IDraftStore"/> from its own services as a circuit would.
/// </summary>
public sealed class DraftRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A scope signed in as Unsecured mode's local admin, as a circuit's authentication state would be.</summary>
    internal static IServiceScope SignedInScope(IServiceProvider services)
    {
        var scope = services.CreateScope();
        var identity = new ClaimsIdentity(
            [new Claim("sub", "local-admin"), new Claim("name", "Local admin (unsecured)"), new Claim(DashboardClaims.Unsecured, "true")],
            UnsecuredAuthenticationHandler.SchemeName, "name", "groups");
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }

    [Fact]
    public async Task Drafts_AppRestartedAgainstTheSameCluster_AreStillListed()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "demo" }, Ct);
        var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"pd-drafts-{Guid.NewGuid():N}.kubeconfig"));
        var settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Kubeconfig",
            ["Kubernetes:KubeconfigPath"] = kubeconfig,
            ["Auth:Mode"] = "Unsecured",
        };
        try
        {
            Draft saved;
            await using (var first = new AuthTestApp(settings))
            using (var scope = SignedInScope(first.Services))
                saved = await scope.ServiceProvider.GetRequiredService<IDraftStore>().SaveAsync(
                    new Draft("", "before the restart", "kind: NetworkPolicy\n", "default", default, null), Ct);

            IReadOnlyList<Draft> listed;
            await using (var second = new AuthTestApp(settings))
            using (var scope = SignedInScope(second.Services))
                listed = await scope.ServiceProvider.GetRequiredService<IDraftStore>().ListAsync(Ct);

            Assert.Equal(saved, Assert.Single(listed));
            // Kubeconfig mode without Dashboard:StateNamespace and without a context namespace: "default".
            Assert.Contains(sandbox.Audit, e => e.Resource == "configmaps" && e.Namespace == "default" && e.Verb == "create");
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
