using k8s;
using k8s.Models;
using Microsoft.Playwright;

namespace PolicyDashboard.Web.Tests.Browser;

/// <summary>The seed's busybox question in the connectivity tester: real app, real embedded API server, real Chromium.</summary>
public sealed class TesterBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorWaitForOptions Visible = new() { State = WaitForSelectorState.Visible, Timeout = 20_000 };

    private static V1NetworkPolicy AllowRedis() => new()
    {
        Metadata = new V1ObjectMeta { Name = "allow-redis", NamespaceProperty = "default" },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "db" } },
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["k8s-app"] = "guestbook" } } }] }],
        },
    };

    [Fact]
    public async Task Tester_BusyboxToRedisMaster_DeniedOnceAllowRedisIsAppliedAndAllowedWithTheGuestbookLabel()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress,
            "tester?source=hypothetical&ns=default&name=busybox&labels=run%3Dbusybox&dest=service&to=default%2Fredis-master&port=6379"));
        await page.Locator("[data-testid=tester-row][data-allowed=true]").WaitForAsync(Visible);

        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = app.Sandbox.BaseAddress.ToString() });
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(AllowRedis(), "default", cancellationToken: TestContext.Current.CancellationToken);

        // The answer follows the cluster: no reload, no click.
        var denied = page.Locator("[data-testid=tester-row][data-allowed=false]");
        await denied.WaitForAsync(Visible);
        Assert.Contains("allow-redis", await denied.Locator("[data-testid=verdict-ingress]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("tester-busybox-denied"), FullPage = true });

        // A bad label is named at its field; the circuit stays up and a corrected label answers.
        var labels = page.Locator("[data-testid=field-labels] input");
        await labels.FillAsync("run=busy box");
        await labels.PressAsync("Tab");
        await page.Locator("[data-testid=run]").ClickAsync();
        await page.Locator("[data-testid=field-labels]").Filter(new() { HasTextString = "label value" }).WaitForAsync(Visible);

        await labels.FillAsync("k8s-app=guestbook");
        await labels.PressAsync("Tab");
        await page.Locator("[data-testid=run]").ClickAsync();
        await page.Locator("[data-testid=tester-row][data-allowed=true]").WaitForAsync(Visible);
        Assert.Contains("labels=k8s-app%3Dguestbook", page.Url);
    }
}
