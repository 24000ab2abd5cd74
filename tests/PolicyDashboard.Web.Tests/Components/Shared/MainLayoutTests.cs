using Bunit;
using Microsoft.AspNetCore.Components;
using PolicyDashboard.Web.Components.Layout;

namespace PolicyDashboard.Web.Tests.Components.Shared;

public sealed class MainLayoutTests : DashboardTestContext
{
    private static readonly RenderFragment Body = b => b.AddMarkupContent(0, "<p data-testid=\"body\">page</p>");

    [Fact]
    public void Layout_Interactive_RendersProductNavigationStatusAndMarker()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body));

        Assert.Equal("Policy Dashboard", cut.Find("[data-testid=product-name]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=interactive]"));
        Assert.NotNull(cut.Find("[data-testid=connection-state]"));
        Assert.NotNull(cut.Find("[data-testid=body]"));
        var nav = cut.Find("[data-testid=nav]").TextContent;
        foreach (var item in new[] { "Overview", "Namespaces", "Pods", "Services", "Ingresses", "Network policies" })
            Assert.Contains(item, nav);
    }

    [Fact]
    public void Layout_Prerendered_HasNoInteractiveMarker()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body));

        Assert.Empty(cut.FindAll("[data-testid=interactive]"));
        Assert.Equal(0, Cluster.WatchCalls);
    }
}
