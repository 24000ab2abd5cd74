using System.Collections.Immutable;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

/// <summary>A saved draft shown on the matrix: the cluster as it would be with the draft, the cells it changes outlined.</summary>
public sealed class MatrixDraftTests : DashboardTestContext
{
    private const string Busybox = "wl:default/Pod/busybox";
    private const string Frontend = "wl:default/Deployment/frontend";
    private const string Redis = "wl:default/Deployment/redis-master";

    private const string AllowRedis = SeedManifests.AllowRedis;

    public MatrixDraftTests() : base(services =>
    {
        services.AddSingleton<IMutationGuard, AdminGuard>();
        services.AddSingleton<IDraftStore, InMemoryDraftStore>();
    })
    {
        Publish(Make.Snapshot(1,
            Make.Namespace("default"),
            Make.Pod("default", "frontend-1", "k8s-app=guestbook", "10.0.0.1", new WorkloadRef("Deployment", "frontend")),
            Make.Pod("default", "redis-master-1", "role=db", "10.0.0.3", new WorkloadRef("Deployment", "redis-master"), ports: Make.Port("redis", 6379)),
            Make.Pod("default", "busybox", "run=busybox", "10.0.0.4")));
        var store = (InMemoryDraftStore)Services.GetRequiredService<IDraftStore>();
        store.Drafts["d1"] = new Draft("d1", "NetworkPolicy default/allow-redis", AllowRedis, "default", DateTimeOffset.UtcNow, null);
    }

    private List<JsonElement> Renders() => [.. JSInterop.Invocations.Where(i => i.Identifier == "render").Select(i => JsonSerializer.SerializeToElement(i.Arguments[0]))];

    private static int Index(JsonElement payload, string row, string column)
    {
        var rows = payload.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var columns = payload.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        return rows.IndexOf(row) * columns.Count + columns.IndexOf(column);
    }

    [Fact]
    public void Matrix_WithADraft_ShowsTheDraftsStateAndOutlinesTheCellsItChanges()
    {
        var cut = RenderPage<Matrix>("matrix?from=default&to=default&port=6379&draft=d1");
        cut.WaitForAssertion(() => Assert.NotEmpty(Renders()), Wait);

        var payload = Renders().Last();
        var states = payload.GetProperty("states").GetBytesFromBase64();
        var highlight = payload.GetProperty("highlight").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.Equal(0, states[Index(payload, Busybox, Redis)]);
        Assert.Equal(2, states[Index(payload, Frontend, Redis)]);
        Assert.Contains(Index(payload, Busybox, Redis), highlight);
        Assert.DoesNotContain(Index(payload, Frontend, Redis), highlight);
        Assert.Contains("allow-redis", cut.Find("[data-testid=matrix-draft]").TextContent, StringComparison.Ordinal);
        Assert.Contains(highlight.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " outlined", cut.Find("[data-testid=matrix-draft]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Matrix_UnknownDraft_SaysSoAndShowsTheClusterAsItIs()
    {
        var cut = RenderPage<Matrix>("matrix?from=default&to=default&port=6379&draft=gone");
        cut.WaitForAssertion(() => Assert.NotEmpty(Renders()), Wait);

        var payload = Renders().Last();
        Assert.Equal(2, payload.GetProperty("states").GetBytesFromBase64()[Index(payload, Busybox, Redis)]);
        Assert.Empty(payload.GetProperty("highlight").EnumerateArray());
        Assert.Contains("no longer exists", cut.Find("[data-testid=matrix-draft-note]").TextContent, StringComparison.Ordinal);
    }
}
