using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.Playwright;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Web.Tests.Browser;

/// <summary>The walking skeleton end to end: real app, real embedded API server, real Chromium.</summary>
public sealed class InventoryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorWaitForOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 15_000 };

    [Fact]
    public async Task PodsPage_DemoCluster_ListsTheGuestbookPods()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "pods"));

        var names = page.Locator("[data-testid=pod-name]");
        await names.Filter(new() { HasTextString = "redis-master" }).First.WaitForAsync(Visible);
        var all = await names.AllInnerTextsAsync();
        Assert.Equal(3, all.Count(n => n.StartsWith("frontend-", StringComparison.Ordinal)));
        Assert.Equal(1, all.Count(n => n.StartsWith("redis-master-", StringComparison.Ordinal)));
        Assert.Equal(2, all.Count(n => n.StartsWith("redis-slave-", StringComparison.Ordinal)));
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("pods-demo") });
    }

    [Fact]
    public async Task PodsPage_PodCreatedThroughTheApi_AppearsWithoutReload()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "pods"));
        await page.Locator("[data-testid=pod-name]").Filter(new() { HasTextString = "redis-master" }).First.WaitForAsync(Visible);
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = app.Sandbox.BaseAddress.ToString() });
        var stopwatch = Stopwatch.StartNew();
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "busybox", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["run"] = "busybox" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "busybox", Image = "busybox" }] },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);

        await page.Locator("[data-testid=pod-name]").Filter(new() { HasTextString = "busybox" }).First.WaitForAsync(Visible);
        stopwatch.Stop();
        TestContext.Current.TestOutputHelper?.WriteLine($"busybox appeared {stopwatch.ElapsedMilliseconds} ms after the create returned");
        Assert.Equal(0, navigations);
    }

    [Fact]
    public async Task KubeconfigMode_StandaloneServersKubeconfig_ShowsTheSameCluster()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "demo" }, TestContext.Current.CancellationToken);
        var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"pd-test-{Guid.NewGuid():N}.kubeconfig"));
        try
        {
            using var client = new Kubernetes(new KubernetesClientConfiguration { Host = sandbox.BaseAddress.ToString() });
            await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "only-in-this-sandbox", NamespaceProperty = "default" },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            }, "default", cancellationToken: TestContext.Current.CancellationToken);

            await using var app = new DashboardApp(new Dictionary<string, string?>
            {
                ["Kubernetes:Mode"] = "Kubeconfig",
                ["Kubernetes:KubeconfigPath"] = kubeconfig,
                // A real cluster mode requires an explicit sign-in mode; the test listens on loopback only.
                ["Auth:Mode"] = "Unsecured",
            });
            var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "pods"));
            await page.Locator("[data-testid=pod-name]").Filter(new() { HasTextString = "only-in-this-sandbox" }).First.WaitForAsync(Visible);
            var all = await page.Locator("[data-testid=pod-name]").AllInnerTextsAsync();
            Assert.Equal(3, all.Count(n => n.StartsWith("frontend-", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
