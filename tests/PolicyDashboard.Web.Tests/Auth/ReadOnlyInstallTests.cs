using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>Dashboard:ReadOnly as the server enforces it: the guard, wired from configuration, and the rendered layout.</summary>
public sealed class ReadOnlyInstallTests
{
    /// <summary>
    /// A request by the app's visitor (in Demo mode without sign-in: the local admin), made current for the scope's
    /// services. Not async: the accessor's value must stay set in the caller's flow.
    /// </summary>
    private static IMutationGuard GuardForVisitor(IServiceScope scope)
    {
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.User = context.AuthenticateAsync().GetAwaiter().GetResult().Principal!;
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        return scope.ServiceProvider.GetRequiredService<IMutationGuard>();
    }

    [Fact]
    public async Task App_ReadOnlySetting_GuardRefusesTheLocalAdminAndLayoutSaysReadOnly()
    {
        await using var app = new DashboardApp(new Dictionary<string, string?> { ["Dashboard:ReadOnly"] = "true" });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        using var scope = app.Services.CreateScope();
        var guard = GuardForVisitor(scope);

        Assert.Contains("data-testid=\"read-only-install\"", page);
        Assert.True(scope.ServiceProvider.GetRequiredService<ICurrentUser>().User.IsAdmin);
        Assert.False(guard.CanMutate);
        Assert.True(Assert.Throws<DashboardForbiddenException>(() => guard.EnsureAdmin("apply network policy")).IsReadOnlyInstall);
    }

    [Fact]
    public async Task App_WithoutReadOnlySetting_LocalAdminMayMutate()
    {
        await using var app = new DashboardApp();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        using var scope = app.Services.CreateScope();
        var guard = GuardForVisitor(scope);

        Assert.DoesNotContain("data-testid=\"read-only-install\"", page);
        Assert.True(guard.CanMutate);
        Assert.True(guard.EnsureAdmin("apply network policy").IsAdmin);
    }

    [Fact]
    public async Task Composer_ReadOnlyInstall_RefusesDryRunAndApplyAndNothingReachesTheApiServer()
    {
        await using var app = new DashboardApp(new Dictionary<string, string?> { ["Dashboard:ReadOnly"] = "true" });
        var snapshot = await FirstSnapshotWithPodsAsync(app);
        var draft = DraftAnalyzer.Analyze(PolicyTemplates.Create("allow-redis", "default", snapshot)!.Yaml, snapshot, TestContext.Current.CancellationToken);
        // The dashboard's own bookkeeping (the activity history's first write) is done before counting.
        await app.WaitForActivityAsync();
        var writes = app.Sandbox.WriteCount;
        var resourceVersion = app.Sandbox.ResourceVersion;
        using var scope = app.Services.CreateScope();
        _ = GuardForVisitor(scope);
        var composer = scope.ServiceProvider.GetRequiredService<ComposerService>();

        var dryRun = await Assert.ThrowsAsync<DashboardForbiddenException>(() => composer.DryRunAsync(draft, TestContext.Current.CancellationToken));
        var apply = await Assert.ThrowsAsync<DashboardForbiddenException>(() =>
            composer.ApplyAsync(draft, force: false, draft.Dangers.Select(d => d.Kind).ToHashSet(), TestContext.Current.CancellationToken));

        Assert.True(dryRun.IsReadOnlyInstall);
        Assert.True(apply.IsReadOnlyInstall);
        Assert.Equal(writes, app.Sandbox.WriteCount);
        Assert.Equal(resourceVersion, app.Sandbox.ResourceVersion);
    }

    private static async Task<PolicyDashboard.Core.Model.ClusterSnapshot> FirstSnapshotWithPodsAsync(DashboardApp app) =>
        (await app.WaitForAnalysisAsync(r => r.Snapshot.Pods.Count > 0)).Snapshot;
}
