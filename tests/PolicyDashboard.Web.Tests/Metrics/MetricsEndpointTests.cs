using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private static async Task WaitForSyncAsync(DashboardApp app)
    {
        var source = app.Services.GetRequiredService<IClusterSnapshotSource>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var _ in source.WatchAsync(timeout.Token))
        {
            if (source.Status.Synced) return;
        }
    }

    [Fact]
    public async Task Metrics_AnonymousScrape_ExposesHttpRuntimeAndDashboardSeries()
    {
        await using var app = new DashboardApp();
        await WaitForSyncAsync(app);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", ct)).StatusCode);

        using var response = await client.GetAsync("/metrics", ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var samples = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Contains(samples, l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("http_route=\"/healthz\""));
        Assert.Contains(samples, l => l.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal));
        Assert.Contains(samples, l => l.StartsWith("policydash_informer_restarts_total{kind=\"pods\"} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE policydash_open_circuits gauge", text);
        var version = Assert.Single(samples, l => l.StartsWith("policydash_snapshot_version ", StringComparison.Ordinal));
        Assert.True(double.Parse(version.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) > 0, version);
    }

    [Fact]
    public async Task Metrics_OpenIdConnectMode_ServedWithoutSignIn()
    {
        // No cookie is sent and the identity provider is unreachable: /metrics must not need either.
        await using var app = new DashboardApp(new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "OpenIdConnect",
            ["Auth:OpenIdConnect:Authority"] = "https://idp.invalid",
            ["Auth:OpenIdConnect:ClientId"] = "policy-dashboard",
            ["Auth:OpenIdConnect:ClientSecret"] = "secret",
            ["Auth:AdminGroups:0"] = "cluster-admins",
        });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        using var metrics = await client.GetAsync("/metrics", ct);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("policydash_snapshot_version", await metrics.Content.ReadAsStringAsync(ct));
    }
}
