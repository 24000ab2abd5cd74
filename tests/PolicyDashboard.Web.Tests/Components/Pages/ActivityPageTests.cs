using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Web.Activity;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class ActivityPageTests : DashboardTestContext
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeActivityFeed _feed;

    public ActivityPageTests() : this(new FakeActivityFeed()) { }

    private ActivityPageTests(FakeActivityFeed feed) : base(s => s.AddSingleton<IActivityFeed>(feed)) => _feed = feed;

    private static ActivityEntry Entry(string id, string ns, string name, ActivityAction action, string who, int minutes, int? opened = null, int? closed = null,
        string kind = "NetworkPolicy", bool seenAtStart = false) =>
        new(id, T0.AddMinutes(minutes), T0.AddMinutes(minutes), kind, ns, name, action, who, AttributionSource.FieldManager, seenAtStart, "1", opened, closed,
            opened is null ? [] : [new ActivityPair("closed", $"{ns}/Pod/busybox", $"{ns}/Deployment/redis-master", 6379, "TCP", 1)]);

    private static readonly ActivityEntry[] History =
    [
        Entry("c", "default", "allow-redis", ActivityAction.Created, "ada", 30, 0, 6),
        Entry("b", "shop", "deny-all", ActivityAction.Updated, "kubectl-edit", 20, 1, 2),
        Entry("a", "", "baseline", ActivityAction.Deleted, "unknown", 10, kind: "BaselineAdminNetworkPolicy", seenAtStart: true),
    ];

    private static List<string> Ids(IRenderedComponent<ActivityPage> cut) =>
        cut.FindAll("[data-testid=activity-entry]").Select(r => r.GetAttribute("data-id")!).ToList();

    [Fact]
    public void Activity_NoFilter_ListsEveryEntryNewestFirstWithWhoAndConnectivity()
    {
        _feed.Publish(History);

        var cut = RenderPage<ActivityPage>("activity");

        Assert.Equal(["c", "b", "a"], Ids(cut));
        var first = cut.FindAll("[data-testid=activity-entry]")[0];
        Assert.Equal("ada", first.QuerySelector("[data-testid=activity-who-cell]")!.TextContent.Trim());
        Assert.Contains("+0 / −6 pod pairs", first.QuerySelector("[data-testid=activity-connectivity]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("redis-master", first.QuerySelector("[data-testid=activity-connectivity]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("networkpolicies/default/allow-redis", first.QuerySelector("[data-testid=activity-policy] a")!.GetAttribute("href"));
        var last = cut.FindAll("[data-testid=activity-entry]")[2];
        Assert.NotNull(last.QuerySelector("[data-testid=seen-at-start]"));
        Assert.Contains("not known", last.QuerySelector("[data-testid=activity-connectivity]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("api/v1/activity?format=csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.Equal("api/v1/activity?format=json", cut.Find("[data-testid=export-json]").GetAttribute("href"));
    }

    [Theory]
    [InlineData("activity?namespace=shop", "b")]
    [InlineData("activity?kind=BaselineAdminNetworkPolicy", "a")]
    [InlineData("activity?action=created", "c")]
    [InlineData("activity?who=KUBECTL", "b")]
    [InlineData("activity?q=default/Deployment/redis", "c")]
    [InlineData("activity?from=2026-11-26T10:15:00Z&to=2026-11-26T10:25:00Z", "b")]
    public void Activity_Filter_ShowsOnlyMatchingAndExportsTheSame(string uri, string expected)
    {
        _feed.Publish(History);

        var cut = RenderPage<ActivityPage>(uri);

        Assert.Equal([expected], Ids(cut));
        Assert.StartsWith("api/v1/activity?format=csv&", cut.Find("[data-testid=export-csv]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Activity_BadFilterValue_IsReportedAndIgnored()
    {
        _feed.Publish(History);

        var cut = RenderPage<ActivityPage>("activity?action=renamed");

        Assert.Contains("not an action", cut.Find("[data-testid=activity-filter-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(3, Ids(cut).Count);
    }

    [Fact]
    public void Activity_NewEntryRecorded_AppearsWithoutReload()
    {
        _feed.Publish(History[1..]);
        var cut = RenderPage<ActivityPage>("activity");

        _feed.Publish(History);

        cut.WaitForAssertion(() => Assert.Equal(["c", "b", "a"], Ids(cut)), Wait);
    }

    [Fact]
    public void Activity_Empty_SaysNothingSeenYet()
    {
        var cut = RenderPage<ActivityPage>("activity");

        Assert.Contains("No policy change seen yet", cut.Find("[data-testid=activity-none]").TextContent, StringComparison.Ordinal);
    }
}
