using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Metrics;

/// <summary>Scrapes the running app's /metrics (prometheus-net) and checks the series the README lists.</summary>
public sealed class MetricsEndpointTests
{
    private const string AllowRedis = """
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy",
         "metadata":{"name":"allow-redis","namespace":"default"},
         "spec":{"podSelector":{"matchLabels":{"role":"db"}},
                 "ingress":[{"from":[{"podSelector":{"matchLabels":{"k8s-app":"guestbook"}}}]}]}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task WaitForSyncAsync(DashboardApp app)
    {
        var source = app.Services.GetRequiredService<IClusterSnapshotSource>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var _ in source.WatchAsync(timeout.Token))
        {
            if (source.Status.Synced) return;
        }
    }

    private static async Task WaitForRecomputeAsync(DashboardApp app)
    {
        var analysis = app.Services.GetRequiredService<IReachabilityAnalysis>();
        var snapshots = app.Services.GetRequiredService<IClusterSnapshotSource>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var result in analysis.WatchAsync(timeout.Token))
        {
            if (result.Snapshot.Version >= snapshots.Current.Version && result.Snapshot.Version > 0) return;
        }
    }

    private static async Task<List<string>> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }

    private static double Value(string sample) => double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Metrics_AnonymousScrape_ExposesHttpRuntimeAndDashboardSeries()
    {
        await using var app = new DashboardApp();
        await WaitForSyncAsync(app);
        await WaitForRecomputeAsync(app);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        var samples = await ScrapeAsync(client);

        // HTTP requests by route pattern (prometheus-net's middleware).
        Assert.Contains(samples, l => l.StartsWith("http_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("endpoint=\"/healthz\"") && l.Contains("code=\"200\""));
        Assert.Contains(samples, l => l.StartsWith("http_requests_received_total{", StringComparison.Ordinal) && l.Contains("endpoint=\"/healthz\""));
        // Runtime: GC, memory, threads.
        Assert.Contains(samples, l => l.StartsWith("dotnet_collection_count_total{generation=\"0\"}", StringComparison.Ordinal));
        Assert.True(Value(Assert.Single(samples, l => l.StartsWith("dotnet_total_memory_bytes ", StringComparison.Ordinal))) > 0);
        Assert.True(Value(Assert.Single(samples, l => l.StartsWith("process_num_threads ", StringComparison.Ordinal))) > 0);
        // The dashboard's own.
        Assert.Equal(0, Value(Assert.Single(samples, l => l.StartsWith("policydash_informer_restarts_total{kind=\"pods\"} ", StringComparison.Ordinal))));
        var lag = Value(Assert.Single(samples, l => l.StartsWith("policydash_informer_lag_seconds{kind=\"pods\"} ", StringComparison.Ordinal)));
        Assert.InRange(lag, 0, 30);
        Assert.Contains(samples, l => l.StartsWith("policydash_informer_lag_seconds{kind=\"networkpolicies\"} ", StringComparison.Ordinal));
        Assert.Equal(0, Value(Assert.Single(samples, l => l.StartsWith("policydash_open_circuits ", StringComparison.Ordinal))));
        Assert.True(Value(Assert.Single(samples, l => l.StartsWith("policydash_snapshot_version ", StringComparison.Ordinal))) > 0);
        Assert.True(Value(Assert.Single(samples, l => l.StartsWith("policydash_recompute_duration_seconds_count{kind=\"full\"} ", StringComparison.Ordinal))) >= 1);
        Assert.Contains(samples, l => l.StartsWith("policydash_recompute_duration_seconds_bucket{kind=\"full\",le=\"0.001\"} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_AfterWrites_CountsEachOutcomeByActionDryRunAndResult()
    {
        await using var app = new DashboardApp();
        await WaitForSyncAsync(app);
        // The writer the app's sessions write through (each as its user); counting happens there, whoever writes.
        var writer = app.Services.GetRequiredKeyedService<IPolicyWriter>(PolicyDashboard.Web.Auth.ActingAsUserSetup.ClusterWriterKey);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        Assert.True((await writer.ApplyAsync(AllowRedis, new WriteOptions(DryRun: true), Ct)).Succeeded);
        Assert.True((await writer.ApplyAsync(AllowRedis, new WriteOptions(DryRun: true), Ct)).Succeeded);
        Assert.IsType<WriteResult.Invalid>(await writer.ApplyAsync("kind: Pod\nmetadata: {name: x}", WriteOptions.Default, Ct));
        Assert.IsType<WriteResult.NotFound>(await writer.DeleteAsync("NetworkPolicy", "default", "no-such-policy", WriteOptions.Default, Ct));
        var samples = await ScrapeAsync(client);

        var writes = samples.Where(l => l.StartsWith("policydash_policy_writes_total{", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "policydash_policy_writes_total{action=\"apply\",dry_run=\"false\",result=\"invalid\"} 1",
                "policydash_policy_writes_total{action=\"apply\",dry_run=\"true\",result=\"success\"} 2",
                "policydash_policy_writes_total{action=\"delete\",dry_run=\"false\",result=\"not_found\"} 1",
            ],
            writes);
        Assert.DoesNotContain(samples, l => l.Contains("allow-redis", StringComparison.Ordinal) || l.Contains("no-such-policy", StringComparison.Ordinal));
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

        using var metrics = await client.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("policydash_snapshot_version", await metrics.Content.ReadAsStringAsync(Ct));
    }
}
