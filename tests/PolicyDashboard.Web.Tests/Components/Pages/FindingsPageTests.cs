using Bunit;
using PolicyDashboard.Core.Lint;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class FindingsPageTests : DashboardTestContext
{
    // shop: a policy that selects no pod (PD002, warning). team: a policy the API server would reject (PD001, error).
    private static readonly NetworkPolicyInfo SelectsNothing = Make.Policy("shop", "selects-nothing", LabelSelector.Of(("app", "ghost")));
    private static readonly NetworkPolicyInfo Invalid = Make.Policy("team", "bad", LabelSelector.Everything,
        ingress: [new NetworkPolicyRule([new NetworkPolicyPeer(null, null, new IpBlock("nonsense", []))], [])]);

    private static ClusterSnapshot Cluster1() => Make.Snapshot(1,
        Make.Namespace("shop"), Make.Namespace("team"),
        Make.Pod("shop", "web-0", "app=web", "10.0.1.1"),
        Make.Pod("team", "api-0", "app=api", "10.0.2.1"),
        SelectsNothing, Invalid);

    private static List<(string Severity, string Code, List<string> Links)> Rows(IRenderedComponent<FindingsPage> cut) =>
        cut.FindAll("[data-testid=finding]").Select(r => (
            r.GetAttribute("data-severity")!,
            r.GetAttribute("data-code")!,
            r.QuerySelectorAll("[data-testid=finding-object]").Select(a => a.GetAttribute("href")!).ToList())).ToList();

    [Fact]
    public void Findings_NoFilter_ListsEveryFindingOfTheSharedResult()
    {
        Publish(Cluster1());

        var cut = RenderPage<FindingsPage>("findings");

        var rows = Rows(cut);
        Assert.Equal(Analysis.Current.Findings.Length, rows.Count);
        Assert.Contains(rows, r => r is { Severity: "error", Code: LintCodes.InvalidObject } && r.Links.Contains("networkpolicies/team/bad"));
        Assert.Contains(rows, r => r is { Severity: "warning", Code: LintCodes.SelectsNoPod } && r.Links.Contains("networkpolicies/shop/selects-nothing"));
        Assert.Equal("api/v1/findings?format=csv", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Findings_SeverityError_ShowsOnlyErrors()
    {
        Publish(Cluster1());

        var cut = RenderPage<FindingsPage>("findings?severity=error");

        var rows = Rows(cut);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("error", r.Severity));
        Assert.Contains(rows, r => r.Code == LintCodes.InvalidObject && r.Links.Contains("networkpolicies/team/bad"));
        Assert.True(Analysis.Current.Findings.Length > rows.Count, "the unfiltered list has more than the errors");
        Assert.Equal("api/v1/findings?format=csv&severity=error", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Findings_SeverityWarning_ShowsWarningsAndAboveAsTheFindingsApiDoes()
    {
        var snapshot = Cluster1();
        Publish(snapshot);

        var cut = RenderPage<FindingsPage>("findings?severity=warning");

        var rows = Rows(cut);
        Assert.Contains(rows, r => r.Severity == "error");
        Assert.Contains(rows, r => r.Severity == "warning");
        Assert.DoesNotContain(rows, r => r.Severity == "info");
        Assert.Equal(Analysis.Current.Findings.Count(f => f.Severity >= LintSeverity.Warning), rows.Count);
    }

    [Fact]
    public void Findings_NamespaceFilter_ShowsOnlyFindingsAboutThatNamespace()
    {
        Publish(Cluster1());

        var cut = RenderPage<FindingsPage>("findings?namespace=shop");

        var rows = Rows(cut);
        Assert.Contains(rows, r => r.Code == LintCodes.SelectsNoPod);
        Assert.DoesNotContain(rows, r => r.Code == LintCodes.InvalidObject);
        Assert.All(rows, r => Assert.Contains(r.Links, l => l.Contains("/shop/", StringComparison.Ordinal) || l == "namespaces/shop"));
    }

    [Fact]
    public void Findings_BothFilters_ExportLinkCarriesThem()
    {
        Publish(Cluster1());

        var cut = RenderPage<FindingsPage>("findings?severity=warning&namespace=shop");

        Assert.NotEmpty(Rows(cut));
        Assert.All(Rows(cut), r => Assert.Contains(r.Severity, new[] { "warning", "error" }));
        Assert.Equal("api/v1/findings?format=csv&severity=warning&namespace=shop", cut.Find("[data-testid=export-csv]").GetAttribute("href"));
        // The severity choices keep the namespace.
        Assert.Equal("findings?severity=error&namespace=shop", cut.Find("[data-testid=severity-error]").GetAttribute("href"));
        Assert.Equal("findings?namespace=shop", cut.Find("[data-testid=severity-all]").GetAttribute("href"));
    }

    [Fact]
    public void Findings_UnknownSeverity_SaysSoAndShowsEverything()
    {
        Publish(Cluster1());

        var cut = RenderPage<FindingsPage>("findings?severity=critical");

        Assert.Contains("Unknown severity \"critical\"", cut.Find("[data-testid=findings-filter-error]").TextContent);
        Assert.Equal(Analysis.Current.Findings.Length, Rows(cut).Count);
    }

    [Fact]
    public void Findings_InvalidPolicyFixed_ErrorDisappearsWithoutReload()
    {
        var first = Cluster1();
        Publish(first);
        var cut = RenderPage<FindingsPage>("findings?severity=error");
        Assert.Contains(Rows(cut), r => r.Code == LintCodes.InvalidObject);

        Publish(first with { Version = 2, NetworkPolicies = first.NetworkPolicies.Remove(Invalid.Key) });

        cut.WaitForAssertion(() => Assert.DoesNotContain(Rows(cut), r => r.Code == LintCodes.InvalidObject), Wait);
    }
}
