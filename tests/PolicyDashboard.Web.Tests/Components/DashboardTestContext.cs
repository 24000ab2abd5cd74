using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Inventory;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components;

/// <summary>
/// bUnit context with MudBlazor, the inventory services and channel-backed fakes for the cluster seam, rendering
/// as an interactive server circuit (the components follow the cluster only when interactive).
/// </summary>
public abstract class DashboardTestContext : BunitContext
{
    public static readonly DateTimeOffset Now = Make.Epoch.AddDays(3);

    /// <summary>
    /// How long to wait for a render caused by the background stream or a debounced input. Generous because the
    /// machines running the tests can be heavily loaded; a passing wait returns as soon as the markup matches.
    /// </summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected DashboardTestContext() : this(null) { }

    /// <param name="services">More services for the pages under test, added before anything is resolved.</param>
    protected DashboardTestContext(Action<IServiceCollection>? services)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        Services.AddInventoryUi();
        Services.AddSingleton<IClusterSnapshotSource>(Cluster);
        Services.AddSingleton<IObjectReader>(Reader);
        Services.AddSingleton<PolicyDashboard.Web.Analysis.IReachabilityAnalysis>(Analysis);
        Services.AddSingleton<PolicyDashboard.Web.Auth.IPolicyAccess>(Access);
        // The layout's user menu resolves the role; with no authentication state it shows nobody.
        Services.AddOptions<PolicyDashboard.Web.Auth.AuthOptions>();
        Services.AddSingleton<PolicyDashboard.Web.Auth.RoleResolver>();
        // Pages render write controls only for admins; by default the tests see what an auditor sees.
        Services.AddSingleton<PolicyDashboard.Web.Auth.IMutationGuard>(new ReadOnlyGuard());
        services?.Invoke(Services);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected FakeClusterSource Cluster { get; } = new();
    protected FakeObjectReader Reader { get; } = new();
    protected FakeAnalysis Analysis { get; } = new();
    protected FakePolicyAccess Access { get; } = new();

    /// <summary>Renders the popover host first: MudBlazor's selects and autocompletes need one.</summary>
    protected IRenderedComponent<TComponent> RenderPage<TComponent>(string? uri = null, Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        Render<MudPopoverProvider>();
        if (uri is not null) Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return parameters is null ? Render<TComponent>() : Render<TComponent>(parameters);
    }

    /// <summary>Publishes to the cluster seam and to the analysis seam, as the real service would shortly after.</summary>
    protected void Publish(ClusterSnapshot snapshot)
    {
        Cluster.Publish(snapshot);
        Analysis.Publish(snapshot);
    }

    private sealed class ReadOnlyGuard : PolicyDashboard.Web.Auth.IMutationGuard
    {
        public bool CanMutate => false;

        public PolicyDashboard.Web.Auth.DashboardUser EnsureAdmin(string action) =>
            throw new InvalidOperationException($"a component test tried to {action}");
    }
}
