using System.Collections.Immutable;
using Bunit;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Components.Shared;

namespace PolicyDashboard.Web.Tests.Components.Shared;

public sealed class ClusterStatusTests : DashboardTestContext
{
    private static readonly DateTimeOffset Since = new(2026, 3, 4, 10, 42, 13, TimeSpan.Zero);

    [Fact]
    public void Banner_Live_RendersNothing()
    {
        var cut = RenderPage<ClusterStatusBanner>();

        Assert.Empty(cut.FindAll("[data-testid=cluster-banner]"));
        Assert.Empty(cut.FindAll("[data-testid=loading-progress]"));
    }

    [Fact]
    public void Banner_Stale_ShowsSinceTimeRetryingAndLastError()
    {
        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Stale, Since, "watch pods: connection refused", []));

        var cut = RenderPage<ClusterStatusBanner>();

        var text = cut.Find("[data-testid=cluster-banner]").TextContent;
        Assert.Contains("stale since 10:42:13", text);
        Assert.Contains("retrying", text);
        Assert.Contains("last error: watch pods: connection refused", text);
    }

    [Fact]
    public void Banner_Unreachable_SaysSoWithSinceTime()
    {
        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Error, Since, "connection refused", []));

        var cut = RenderPage<ClusterStatusBanner>();

        var text = cut.Find("[data-testid=cluster-banner]").TextContent;
        Assert.Contains("unreachable since 10:42:13", text);
        Assert.Contains("retrying", text);
    }

    [Fact]
    public void Banner_StatusTurnsStaleThenLive_AppearsAndDisappearsWithoutRenderCall()
    {
        var cut = RenderPage<ClusterStatusBanner>();

        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Stale, Since, "timeout", []));
        cut.WaitForAssertion(() => Assert.Contains("stale since 10:42:13", cut.Find("[data-testid=cluster-banner]").TextContent), Wait);

        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Live, Since.AddSeconds(30), null, []));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=cluster-banner]")), Wait);
    }

    [Fact]
    public void Progress_Connecting_ShowsLoadedOutOfExpectedPerKind()
    {
        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Connecting, Since, null,
        [
            new KindProgress("Pod", 45_000, 150_000, Synced: false),
            new KindProgress("Namespace", 10_000, 10_000, Synced: true),
            new KindProgress("AdminNetworkPolicy", 0, null, Synced: false, Served: false),
        ]));

        var cut = RenderPage<ClusterStatusBanner>();

        var kinds = cut.FindAll("[data-testid=kind-progress]").Select(e => e.TextContent).ToList();
        Assert.Contains("pods 45,000 / 150,000", kinds);
        Assert.Contains(kinds, k => k.StartsWith("namespaces 10,000 / 10,000", StringComparison.Ordinal));
        Assert.Contains(kinds, k => k.Contains("adminnetworkpolicies", StringComparison.Ordinal) && k.Contains("not served", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_MoreArrives_CountsUpdateWithoutRenderCall()
    {
        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Connecting, Since, null, [new KindProgress("Pod", 500, 150_000, false)]));
        var cut = RenderPage<ClusterStatusBanner>();

        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Connecting, Since, null, [new KindProgress("Pod", 45_000, 150_000, false)]));

        cut.WaitForAssertion(() => Assert.Equal("pods 45,000 / 150,000", cut.Find("[data-testid=kind-progress]").TextContent), Wait);
    }

    [Fact]
    public void Indicator_FollowsConnectionState()
    {
        var cut = RenderPage<ConnectionIndicator>();
        Assert.Equal("Live", cut.Find("[data-testid=connection-state]").GetAttribute("data-state"));

        Cluster.SetStatus(new ConnectionStatus(ConnectionState.Error, Since, "refused", ImmutableArray<KindProgress>.Empty));

        cut.WaitForAssertion(() => Assert.Equal("Error", cut.Find("[data-testid=connection-state]").GetAttribute("data-state")), Wait);
        Assert.Contains("Unreachable", cut.Find("[data-testid=connection-state]").TextContent);
    }
}
