using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Inventory;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Inventory;

public sealed class ListQueryTests
{
    private static readonly ClusterSnapshot Snapshot = Make.Snapshot(1,
        Make.Pod("default", "web-10", "app=web,tier=frontend", "10.0.0.10"),
        Make.Pod("default", "web-9", "app=web,tier=frontend", "10.0.0.9"),
        Make.Pod("default", "db-0", "app=db,tier=db", "10.0.0.100"),
        Make.Pod("shop", "api-1", "app=api", "10.0.1.1"),
        Make.Pod("shop", "web-1", "app=web", "10.0.1.2"));

    private static List<string> Names(ListPage<PodInfo> page) => page.Items.Select(p => p.Name).ToList();

    private static ListPage<PodInfo> Run(ListFilter filter, SortSpec? sort = null, int page = 0, int size = 50) =>
        new ListQuery<PodInfo>(InventoryLists.Pods).Run(Snapshot, filter, sort ?? new SortSpec(Columns.Name), page, size);

    [Fact]
    public void Run_NoFilter_ReturnsAllSortedNaturallyByName()
    {
        Assert.Equal(["api-1", "db-0", "web-1", "web-9", "web-10"], Names(Run(ListFilter.None)));
    }

    [Fact]
    public void Run_Namespace_KeepsOnlyThatNamespace()
    {
        Assert.Equal(["api-1", "web-1"], Names(Run(new ListFilter(Namespace: "shop"))));
    }

    [Fact]
    public void Run_Text_MatchesNameCaseInsensitivelyAndIp()
    {
        Assert.Equal(["web-1", "web-9", "web-10"], Names(Run(new ListFilter(Text: "  WEB "))));
        Assert.Equal(["db-0"], Names(Run(new ListFilter(Text: "10.0.0.100"))));
    }

    [Theory]
    [InlineData("app=web,tier!=db", new[] { "web-1", "web-9", "web-10" })]
    [InlineData("tier!=frontend", new[] { "api-1", "db-0", "web-1" })] // NotIn matches pods without the key
    [InlineData("app in (api, db)", new[] { "api-1", "db-0" })]
    [InlineData("!tier", new[] { "api-1", "web-1" })]
    [InlineData("tier", new[] { "db-0", "web-9", "web-10" })]
    public void Run_Selector_FollowsLabelSelectorSemantics(string selector, string[] expected)
    {
        var page = Run(new ListFilter(Selector: selector));

        Assert.Null(page.SelectorError);
        Assert.Equal(expected, Names(page));
    }

    [Fact]
    public void Run_InvalidSelector_ReportsErrorAndMatchesNothing()
    {
        var page = Run(new ListFilter(Selector: "app in (web"));

        Assert.NotNull(page.SelectorError);
        Assert.StartsWith("Invalid selector", page.SelectorError);
        Assert.Empty(page.Items);
    }

    [Fact]
    public void Run_AllConditions_AreCombined()
    {
        Assert.Equal(["web-1"], Names(Run(new ListFilter("shop", "web", "app=web"))));
    }

    [Fact]
    public void Run_Descending_ReversesOrder()
    {
        Assert.Equal(["web-10", "web-9", "web-1", "db-0", "api-1"], Names(Run(ListFilter.None, new SortSpec(Columns.Name, Descending: true))));
    }

    [Fact]
    public void Run_SortByIp_ComparesAddressesNumerically()
    {
        Assert.Equal(["web-9", "web-10", "db-0", "api-1", "web-1"], Names(Run(ListFilter.None, new SortSpec(Columns.Ip))));
    }

    [Fact]
    public void Run_SortByNamespace_TiesBrokenByName()
    {
        Assert.Equal(["db-0", "web-9", "web-10", "api-1", "web-1"], Names(Run(ListFilter.None, new SortSpec(Columns.Namespace))));
    }

    [Fact]
    public void Run_Paging_SlicesAndReportsTotal()
    {
        var second = Run(ListFilter.None, page: 1, size: 2);

        Assert.Equal(["web-1", "web-9"], Names(second));
        Assert.Equal(5, second.Total);
        Assert.Equal(3, second.PageCount);
        Assert.Equal(2, second.FirstIndex);
    }

    [Fact]
    public void Run_PagePastTheEnd_ShowsLastPage()
    {
        var page = Run(ListFilter.None, page: 9, size: 2);

        Assert.Equal(2, page.Page);
        Assert.Equal(["web-10"], Names(page));
    }

    [Fact]
    public void Run_NewSnapshotWithChangedPods_SeesTheChange()
    {
        var query = new ListQuery<PodInfo>(InventoryLists.Pods);
        Assert.Equal(5, query.Run(Snapshot, ListFilter.None, new SortSpec(Columns.Name), 0, 50).Total);

        var next = Snapshot.With(2, Make.Pod("default", "web-11", "app=web"));

        Assert.Equal(6, query.Run(next, ListFilter.None, new SortSpec(Columns.Name), 0, 50).Total);
    }

    [Fact]
    public void SortSpec_Toggle_FlipsSameColumnAndResetsOnOther()
    {
        var s = new SortSpec(Columns.Name);

        Assert.True(s.Toggle(Columns.Name).Descending);
        Assert.Equal(new SortSpec(Columns.Age), s.Toggle(Columns.Name).Toggle(Columns.Age));
    }
}
