using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PolicyDashboard.Web.Hosting;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// Signed in through the real OpenID Connect provider, the dashboard asks the cluster as the person: the embedded API
/// server sees the IdP's subject and groups, never what the browser claims in its own headers.
/// </summary>
public sealed class ImpersonationBrowserTests(BrowserFixture browser, TestIdentityProvider idp)
    : IClassFixture<BrowserFixture>, IClassFixture<TestIdentityProvider>
{
    private const int Timeout = 20_000;

    private async Task<IPage> SignInAsync(AuthTestApp app, string user, string path)
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = Timeout });
        return page;
    }

    private static async Task<string> HintAsync(IPage page)
    {
        var hint = page.Locator("[data-testid=policy-access]:not([data-can-change=checking])");
        await hint.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        return await hint.GetAttributeAsync("data-can-change") ?? "";
    }

    private static async Task WaitForReviewsAsync(PolicyDashboard.Sandbox.SandboxServer sandbox, int count)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Timeout);
        while (sandbox.Audit.Count(e => e.Resource == "selfsubjectaccessreviews") < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} access reviews, saw {sandbox.Audit.Count}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task NamespacePage_Admin_AsksTheClusterAsThePersonAndInjectedHeadersChangeNothing()
    {
        using var app = new AuthTestApp(idp.DashboardSettings());
        var sandbox = app.Services.GetRequiredService<DemoCluster>().Server;
        var page = await SignInAsync(app, "admin", "/namespaces/shop");

        Assert.Equal("yes", await HintAsync(page));
        // The prerendered page and then the interactive circuit each ask the three verbs once.
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = Timeout });
        await WaitForReviewsAsync(sandbox, 6);
        var before = sandbox.Audit.Count(e => e.Resource == "selfsubjectaccessreviews");
        var raw = await page.Context.APIRequest.GetAsync(new Uri(app.BaseAddress, "/namespaces/default").ToString(), new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string>
            {
                ["Accept"] = "text/html",
                ["Impersonate-User"] = "system:admin",
                ["Impersonate-Group"] = "system:masters",
                ["Authorization"] = "Bearer stolen-token",
            },
        });

        Assert.Equal(200, raw.Status);
        var reviews = sandbox.Audit.Where(e => e.Resource == "selfsubjectaccessreviews").ToList();
        // The raw request is a new scope: its page asks the three verbs for namespace default afresh.
        Assert.Equal(before + 3, reviews.Count);
        Assert.All(reviews, r =>
        {
            Assert.Equal("admin", r.User);
            Assert.Equal([TestIdentityProvider.AdminGroup, "system:authenticated"], r.Groups);
            Assert.Equal(["impersonate-group", "impersonate-user"], r.CredentialHeaders);
        });
        await page.GotoAsync(new Uri(app.BaseAddress, "/account").ToString());
        var identity = page.Locator("[data-testid=account-kubernetes-identity]");
        await identity.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        Assert.Equal($"admin (groups {TestIdentityProvider.AdminGroup})", (await identity.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task NamespacePage_Auditor_SaysNoWithoutAskingTheCluster()
    {
        using var app = new AuthTestApp(idp.DashboardSettings());
        var sandbox = app.Services.GetRequiredService<DemoCluster>().Server;
        var page = await SignInAsync(app, "auditor", "/namespaces/shop");

        Assert.Equal("no", await HintAsync(page));
        Assert.Contains("Auditor", await page.Locator("[data-testid=policy-access]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.Audit, e => e.Resource == "selfsubjectaccessreviews");
    }
}
