using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace PolicyDashboard.Web.Tests.Browser;

/// <summary>The seed's story on the matrix: real app, real embedded API server, real Chromium.</summary>
public sealed class MatrixBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Nginx = "wl:default/Deployment/nginx";
    private const string Frontend = "wl:default/Deployment/frontend";
    private const string RedisMaster = "wl:default/Deployment/redis-master";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static V1NetworkPolicy AllowRedis() => new()
    {
        Metadata = new V1ObjectMeta { Name = "allow-redis", NamespaceProperty = "default" },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "db" } },
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "guestbook" } } }] }],
        },
    };

    private static async Task<int> StateAsync(IPage page, string row, string column) =>
        await page.EvalOnSelectorAsync<int>("[data-testid=matrix]", "(el, a) => el.matrixApi.state(el.matrixApi.rowOf(a[0]), el.matrixApi.columnOf(a[1]))", new[] { row, column });

    /// <summary>Waits until the cell shows <paramref name="state"/> (0 none, 1 some, 2 all) as the page redraws it.</summary>
    private static Task WaitForStateAsync(IPage page, string row, string column, int state) =>
        page.WaitForFunctionAsync("a => { const el = document.querySelector('[data-testid=matrix]'); return el && el.matrixApi && el.matrixApi.state(el.matrixApi.rowOf(a[0]), el.matrixApi.columnOf(a[1])) === a[2]; }",
            new object[] { row, column, state }, new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });

    /// <summary>Waits until the analysis covers the whole demo cluster, so the page opens on a view that no longer grows.</summary>
    private static async Task WaitForDemoAsync(DashboardApp app)
    {
        var expected = await CountPodsAsync(app);
        await app.WaitForAnalysisAsync(r => r.Snapshot.Pods.Count >= expected && r.Result.Pods.Count >= expected, Wait);
    }

    private static async Task<int> CountPodsAsync(DashboardApp app)
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = app.Sandbox.BaseAddress.ToString() });
        return (await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: TestContext.Current.CancellationToken)).Items.Count;
    }

    [Fact]
    public async Task Matrix_SeedAllowRedisApplied_NginxLosesRedisFrontendKeepsItAndExplanationNamesThePolicy()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "matrix?from=default&to=default&port=6379"));
        await WaitForStateAsync(page, Nginx, RedisMaster, 2);
        Assert.Equal(2, await StateAsync(page, Frontend, RedisMaster));
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = app.Sandbox.BaseAddress.ToString() });
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(AllowRedis(), "default", cancellationToken: TestContext.Current.CancellationToken);
        var sinceCreate = System.Diagnostics.Stopwatch.StartNew();

        await WaitForStateAsync(page, Nginx, RedisMaster, 0);
        TestContext.Current.TestOutputHelper?.WriteLine($"the matrix showed allow-redis {sinceCreate.ElapsedMilliseconds} ms after the create returned");
        Assert.Equal(2, await StateAsync(page, Frontend, RedisMaster));
        Assert.Equal(0, navigations);
        var changed = await page.EvalOnSelectorAsync<int[]>("[data-testid=matrix]", "el => el.matrixApi.changed()");
        Assert.NotEmpty(changed);

        var point = await page.EvalOnSelectorAsync<JsonElement>("[data-testid=matrix]",
            "(el, a) => el.matrixApi.locate(el.matrixApi.rowOf(a[0]), el.matrixApi.columnOf(a[1]))", new[] { Nginx, RedisMaster });
        await page.Mouse.ClickAsync(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());

        var side = page.Locator("[data-testid=cell-explanation]");
        await side.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Equal("allowed on no port", (await side.Locator("[data-testid=cell-state]").InnerTextAsync()).Trim());
        var policies = await side.Locator("[data-testid=trail-policy]").AllInnerTextsAsync();
        Assert.Contains(policies, p => p.Contains("allow-redis", StringComparison.Ordinal));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("matrix-seed-explained") });
    }

    [Fact]
    public async Task Matrix_RowHeaderClicked_DrillsIntoWorkloadsWithBreadcrumbBack()
    {
        await using var app = new DashboardApp();
        await WaitForDemoAsync(app);
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "matrix"));
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]')?.dataset.ready === 'true'", null,
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("matrix-namespaces") });
        var rows = await page.EvalOnSelectorAsync<string[]>("[data-testid=matrix]", "el => el.matrixApi.rows()");
        Assert.Contains("ns:default", rows);
        Assert.Contains("ingress-controller", rows);

        await page.EvalOnSelectorAsync("[data-testid=matrix]", "el => el.matrixApi.click(el.matrixApi.rowOf('ns:default'), -1, 1)");

        // Blazor navigates inside the page (history.pushState): wait for the address, not for a page load.
        await page.WaitForFunctionAsync("() => location.search === '?from=default'", null, new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });
        await page.WaitForFunctionAsync("() => { const el = document.querySelector('[data-testid=matrix]'); return el && el.matrixApi && el.matrixApi.rows().includes('" + Frontend + "'); }", null,
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Contains("default", await page.Locator("[data-testid=crumbs-sources]").InnerTextAsync());

        await page.Locator("[data-testid=crumbs-sources] a").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]').matrixApi.rows().includes('ns:default')", null,
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });
    }
}
