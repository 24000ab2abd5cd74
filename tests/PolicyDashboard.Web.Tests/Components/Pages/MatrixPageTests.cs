using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

/// <summary>
/// The matrix page against the real engine (through the analysis fake): what it sends the canvas, how it follows new
/// results, the explanation panel, drill-down and bad addresses.
/// </summary>
public sealed class MatrixPageTests : DashboardTestContext
{
    private const string Busybox = "wl:default/Pod/busybox";
    private const string Frontend = "wl:default/Deployment/frontend";
    private const string Redis = "wl:default/Deployment/redis-master";

    private static ClusterSnapshot Guestbook(long version) => Make.Snapshot(version,
        Make.Namespace("default"),
        Make.Pod("default", "frontend-1", "app=guestbook,k8s-app=guestbook", "10.0.0.1", new WorkloadRef("Deployment", "frontend")),
        Make.Pod("default", "frontend-2", "app=guestbook,k8s-app=guestbook", "10.0.0.2", new WorkloadRef("Deployment", "frontend")),
        Make.Pod("default", "redis-master-1", "app=redis,role=db", "10.0.0.3", new WorkloadRef("Deployment", "redis-master"), ports: Make.Port("redis", 6379)),
        Make.Pod("default", "busybox", "run=busybox", "10.0.0.4"));

    private static NetworkPolicyInfo AllowRedis() => Make.Policy("default", "allow-redis", LabelSelector.Of(("role", "db")),
        ingress: [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null)], [])]);

    /// <summary>The payloads the page sent to the canvas's <c>render</c>, as JSON.</summary>
    private List<JsonElement> Renders() => [.. JSInterop.Invocations
        .Where(i => i.Identifier == "render")
        .Select(i => JsonSerializer.SerializeToElement(i.Arguments[0]))];

    private static int State(JsonElement payload, string row, string column)
    {
        var rows = payload.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var columns = payload.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var states = payload.GetProperty("states").GetBytesFromBase64();
        return states[rows.IndexOf(row) * columns.Count + columns.IndexOf(column)];
    }

    private IRenderedComponent<Matrix> Open(string uri)
    {
        var cut = RenderPage<Matrix>(uri);
        cut.WaitForAssertion(() => Assert.NotEmpty(Renders()), Wait);
        return cut;
    }

    [Fact]
    public void Matrix_SeedClusterOnPort6379_SendsEveryCellToTheCanvas()
    {
        Publish(Guestbook(1).With(2, AllowRedis()));

        var cut = Open("matrix?from=default&to=default&port=6379");

        var payload = Renders().Last();
        Assert.Equal(0, State(payload, Busybox, Redis));
        Assert.Equal(2, State(payload, Frontend, Redis));
        Assert.Contains("snapshot 2", cut.Find("[data-testid=matrix-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_PolicyAppliedWhileOpen_SendsTheNewStateWithTheChangedCell()
    {
        Publish(Guestbook(1));
        var cut = Open("matrix?from=default&to=default&port=6379");
        Assert.Equal(2, State(Renders().Last(), Busybox, Redis));

        Publish(Guestbook(1).With(2, AllowRedis()));

        cut.WaitForAssertion(() => Assert.Equal(2, Renders().Last().GetProperty("version").GetInt64()), Wait);
        var payload = Renders().Last();
        Assert.Equal(0, State(payload, Busybox, Redis));
        var changed = payload.GetProperty("changed").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var columns = payload.GetProperty("columns").GetArrayLength();
        var rows = payload.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var cols = payload.GetProperty("columns").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(rows.IndexOf(Busybox) * columns + cols.IndexOf(Redis), changed);
        Assert.DoesNotContain(rows.IndexOf(Frontend) * columns + cols.IndexOf(Redis), changed);
    }

    [Fact]
    public async Task Matrix_CellSelected_ExplanationPanelNamesAllowRedis()
    {
        Publish(Guestbook(1).With(2, AllowRedis()));
        var cut = Open("matrix?from=default&to=default&port=6379");
        var payload = Renders().Last();
        var rows = payload.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var cols = payload.GetProperty("columns").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();

        await cut.InvokeAsync(() => cut.Instance.SelectCell(rows.IndexOf(Busybox), cols.IndexOf(Redis)));

        cut.WaitForAssertion(() =>
        {
            var panel = cut.Find("[data-testid=cell-explanation]");
            Assert.Equal("allowed on no port", panel.QuerySelector("[data-testid=cell-state]")!.TextContent.Trim());
            Assert.Contains(panel.QuerySelectorAll("[data-testid=trail-policy]"), a => a.TextContent.Contains("allow-redis", StringComparison.Ordinal));
            Assert.Equal("false", panel.QuerySelector("[data-testid=verdict]")!.GetAttribute("data-allowed"));
        }, Wait);
    }

    [Fact]
    public async Task Matrix_RowHeaderDrilled_NavigatesToThatNamespacesWorkloads()
    {
        Publish(Guestbook(1));
        var cut = Open("matrix");
        var rows = Renders().Last().GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();

        await cut.InvokeAsync(() => cut.Instance.DrillRow(rows.IndexOf("ns:default")));

        Assert.EndsWith("matrix?from=default", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_PortOutOfRangeInAddress_ShowsTheErrorAndDrawsNothing()
    {
        Publish(Guestbook(1));

        var cut = RenderPage<Matrix>("matrix?port=70000");

        cut.WaitForAssertion(() => Assert.Contains("port", cut.Find("[data-testid=matrix-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("between 1 and 65535", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(Renders());
    }

    [Fact]
    public async Task Matrix_Disposed_StopsFollowingTheAnalysis()
    {
        Publish(Guestbook(1));
        var cut = Open("matrix");
        cut.WaitForAssertion(() => Assert.Equal(1, Analysis.ActiveWatchers), Wait);

        await cut.Instance.DisposeAsync();

        cut.WaitForAssertion(() => Assert.Equal(0, Analysis.ActiveWatchers), Wait);
    }
}
