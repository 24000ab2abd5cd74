using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class PodsPageTests : DashboardTestContext
{
    private static readonly object[] Guestbook =
    [
        Make.Namespace("default"), Make.Namespace("team-doc"),
        Make.Pod("default", "frontend-1", "app=guestbook,tier=frontend,k8s-app=guestbook", "10.0.0.11"),
        Make.Pod("default", "frontend-2", "app=guestbook,tier=frontend,k8s-app=guestbook", "10.0.0.12"),
        Make.Pod("default", "redis-master-0", "app=redis,role=db,tier=backend", "10.0.0.20"),
        Make.Pod("default", "busybox", "run=busybox", "10.0.0.30"),
        Make.Pod("team-doc", "docs-web", "app=web,tier=frontend", "10.0.1.5"),
    ];

    private static string[] RowNames(IRenderedComponent<Pods> cut) =>
        cut.FindAll("[data-testid=pod-row] [data-testid=pod-name]").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public void PodsPage_SnapshotWithPods_ListsEveryPodWithLinks()
    {
        Publish(Make.Snapshot(1, Guestbook));

        var cut = RenderPage<Pods>();

        Assert.Equal(new[] { "busybox", "docs-web", "frontend-1", "frontend-2", "redis-master-0" }, RowNames(cut).Order());
        var link = cut.FindAll("[data-testid=pod-name]").Single(a => a.TextContent == "redis-master-0");
        Assert.Equal("pods/default/redis-master-0", link.GetAttribute("href"));
    }

    [Fact]
    public void PodsPage_NamespaceInQueryString_ListsOnlyThatNamespace()
    {
        Publish(Make.Snapshot(1, Guestbook));

        var cut = RenderPage<Pods>("pods?ns=team-doc");

        Assert.Equal(["docs-web"], RowNames(cut));
    }

    [Fact]
    public async Task PodsPage_NamespacePicked_ListsOnlyThatNamespace()
    {
        Publish(Make.Snapshot(1, Guestbook));
        var cut = RenderPage<Pods>("pods");
        var picker = cut.FindComponent<MudBlazor.MudAutocomplete<string>>();

        var offered = await picker.Instance.SearchFunc!("team", CancellationToken.None)!;
        Assert.Equal(["team-doc"], offered!);
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("team-doc"));

        cut.WaitForAssertion(() => Assert.Equal(["docs-web"], RowNames(cut)), Wait);
        Assert.EndsWith("pods?ns=team-doc", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    [Fact]
    public void PodsPage_FreeText_FiltersByNameAndIp()
    {
        Publish(Make.Snapshot(1, Guestbook));
        var cut = RenderPage<Pods>();

        cut.Find("input[data-testid=filter-text]").Input("frontend");
        cut.WaitForAssertion(() => Assert.Equal(["frontend-1", "frontend-2"], RowNames(cut)), Wait);

        cut.Find("input[data-testid=filter-text]").Input("10.0.0.30");
        cut.WaitForAssertion(() => Assert.Equal(["busybox"], RowNames(cut)), Wait);
    }

    [Fact]
    public void PodsPage_LabelSelector_FiltersWithKubectlSemantics()
    {
        Publish(Make.Snapshot(1, Guestbook));
        var cut = RenderPage<Pods>();

        // tier!=db matches pods without the key too (NotIn): busybox has no tier label.
        cut.Find("input[data-testid=filter-selector]").Input("tier!=frontend,run");
        cut.WaitForAssertion(() => Assert.Equal(["busybox"], RowNames(cut)), Wait);

        cut.Find("input[data-testid=filter-selector]").Input("app in (guestbook, web),tier=frontend");
        cut.WaitForAssertion(() => Assert.Equal(["docs-web", "frontend-1", "frontend-2"], RowNames(cut).Order()), Wait);
        Assert.Empty(cut.FindAll("[data-testid=selector-error]"));
    }

    [Fact]
    public void PodsPage_InvalidSelector_ShowsParseErrorUnderFieldAndNoRows()
    {
        Publish(Make.Snapshot(1, Guestbook));
        var cut = RenderPage<Pods>();

        cut.Find("input[data-testid=filter-selector]").Input("app in (web");

        cut.WaitForAssertion(() => Assert.Contains("Invalid selector", cut.Find("[data-testid=selector-error]").TextContent), Wait);
        Assert.Empty(RowNames(cut));
        Assert.Contains("label selector is invalid", cut.Find("[data-testid=empty]").TextContent);
    }

    [Fact]
    public void PodsPage_ClickNameHeader_SortsNaturallyThenReverses()
    {
        Publish(Make.Snapshot(1,
            Make.Pod("default", "web-10"), Make.Pod("default", "web-9"), Make.Pod("default", "api-1"), Make.Pod("default", "web-100")));
        var cut = RenderPage<Pods>();

        cut.Find("[data-testid=sort-name]").Click();
        Assert.Equal(["api-1", "web-9", "web-10", "web-100"], RowNames(cut));

        cut.Find("[data-testid=sort-name]").Click();
        Assert.Equal(["web-100", "web-10", "web-9", "api-1"], RowNames(cut));
    }

    [Fact]
    public void PodsPage_ClickRestartsHeader_SortsNumerically()
    {
        Publish(Make.Snapshot(1,
            Make.Pod("default", "a") with { Restarts = 12 }, Make.Pod("default", "b") with { Restarts = 3 }, Make.Pod("default", "c") with { Restarts = 0 }));
        var cut = RenderPage<Pods>();

        cut.Find("[data-testid=sort-restarts]").Click();

        Assert.Equal(["c", "b", "a"], RowNames(cut));
    }

    [Fact]
    public void PodsPage_NewSnapshotPushed_NewPodAppearsWithoutRenderCall()
    {
        var first = Make.Snapshot(1, Guestbook);
        Publish(first);
        var cut = RenderPage<Pods>();
        Assert.DoesNotContain("busybox-2", RowNames(cut));

        Publish(first.With(2, Make.Pod("default", "busybox-2", "run=busybox")));

        cut.WaitForAssertion(() => Assert.Contains("busybox-2", RowNames(cut)), Wait);
    }

    [Fact]
    public void PodsPage_PodDeleted_RowDisappearsWithoutRenderCall()
    {
        var first = Make.Snapshot(1, Guestbook);
        Publish(first);
        var cut = RenderPage<Pods>();

        Publish(first with { Version = 2, Pods = first.Pods.Remove(new ObjectKey("default", "busybox")) });

        cut.WaitForAssertion(() => Assert.DoesNotContain("busybox", RowNames(cut)), Wait);
    }

    [Fact]
    public void PodsPage_TenThousandPods_RendersOnePageOfRows()
    {
        var pods = Enumerable.Range(0, 10_000).Select(i => (object)Make.Pod($"ns-{i % 100}", $"pod-{i}", $"app=a{i % 7}")).ToArray();
        Publish(Make.Snapshot(1, pods));

        var cut = RenderPage<Pods>();

        var rows = cut.FindAll("[data-testid=pod-row]");
        Assert.InRange(rows.Count, 1, 250);
        Assert.Contains("of 10,000", cut.Find("[data-testid=list-range]").TextContent);
    }

    [Fact]
    public async Task PodsPage_Disposed_StopsFollowingTheCluster()
    {
        Publish(Make.Snapshot(1, Guestbook));
        var cut = RenderPage<Pods>();
        cut.WaitForAssertion(() => Assert.Equal(1, Cluster.ActiveWatchers), Wait);

        await DisposeComponentsAsync();

        // DisposeAsync cancels the loop and awaits it, so the watch has ended by now.
        Assert.Equal(0, Cluster.ActiveWatchers);
    }
}
