using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// Sign-in end to end: Chromium, the dashboard on a real port, and a real OpenID Connect provider process.
/// </summary>
public sealed class SignInBrowserTests(BrowserFixture browser, TestIdentityProvider idp)
    : IClassFixture<BrowserFixture>, IClassFixture<TestIdentityProvider>
{
    private const int Timeout = 20_000;

    private AuthTestApp StartApp(params (string Key, string? Value)[] extra)
    {
        var settings = idp.DashboardSettings();
        foreach (var (k, v) in extra) settings[k] = v;
        return new AuthTestApp(settings);
    }

    private static string Url(AuthTestApp app, string path) => new Uri(app.BaseAddress, path).ToString();

    /// <summary>Opens <paramref name="path"/>, is sent to the IdP, signs in there and comes back.</summary>
    private async Task<IPage> SignInAsync(AuthTestApp app, string user, string path = "/pods")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url(app, path));
        Assert.StartsWith(idp.Issuer.ToString(), page.Url);
        await page.Locator("input[name=login]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(app.BaseAddress.ToString(), StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = Timeout });
        return page;
    }

    private static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = Timeout });

    private static async Task<string> TextAsync(IPage page, string testId)
    {
        var locator = page.Locator($"[data-testid={testId}]");
        await locator.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        return (await locator.InnerTextAsync()).Trim();
    }

    [Fact]
    public async Task SignIn_Admin_SeesPodsAndAdminRole()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "admin");
        var cspViolations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) cspViolations.Add(m.Text); };

        Assert.Equal("/pods", new Uri(page.Url).AbsolutePath);
        await WaitInteractiveAsync(page);
        Assert.True(await page.Locator("[data-testid=pod-name]").CountAsync() > 0, "the pods page lists the demo cluster's pods");

        await page.GotoAsync(Url(app, "/account"));
        await WaitInteractiveAsync(page);
        Assert.Equal("Admin", await TextAsync(page, "account-role"));
        Assert.Equal("Ada Admin", await TextAsync(page, "account-name"));
        Assert.Equal("cluster-admins", await TextAsync(page, "account-groups"));
        Assert.Equal("yes", await TextAsync(page, "account-can-mutate"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("auth-admin-account") });
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task SignIn_Auditor_SeesPagesWithAuditorRoleAndNoWriteAccess()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "auditor", "/networkpolicies");

        Assert.Equal("/networkpolicies", new Uri(page.Url).AbsolutePath);
        await WaitInteractiveAsync(page);
        await page.GotoAsync(Url(app, "/pods"));
        await page.Locator("[data-testid=pod-name]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });

        await page.GotoAsync(Url(app, "/account"));
        await WaitInteractiveAsync(page);
        Assert.Equal("Auditor", await TextAsync(page, "account-role"));
        Assert.Equal("no", await TextAsync(page, "account-can-mutate"));
    }

    [Fact]
    public async Task SignIn_UserInNoGroup_GetsNoAccessPageAndForbiddenForApiCalls()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "nobody");

        Assert.Equal("/auth/no-access", new Uri(page.Url).AbsolutePath);
        Assert.Equal("Noah Nobody", await TextAsync(page, "no-access-user"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("auth-no-access") });

        var api = page.Context.APIRequest;
        var pageRequest = await api.GetAsync(Url(app, "/pods"), new APIRequestContextOptions { MaxRedirects = 0, Headers = new Dictionary<string, string> { ["Accept"] = "text/html" } });
        Assert.Equal(302, pageRequest.Status);
        Assert.Contains("/auth/no-access", pageRequest.Headers["location"]);
        var apiRequest = await api.GetAsync(Url(app, "/pods"), new APIRequestContextOptions { MaxRedirects = 0, Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
        Assert.Equal(403, apiRequest.Status);
        var hub = await api.PostAsync(Url(app, "/_blazor/negotiate?negotiateVersion=1"), new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(403, hub.Status);
    }

    [Fact]
    public async Task SignOut_SignedInAdmin_EndsDashboardAndIdpSessions()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "admin", "/account");
        await WaitInteractiveAsync(page);

        await page.Locator("[data-testid=account-sign-out]").ClickAsync();

        await page.WaitForURLAsync(url => url.StartsWith(Url(app, "/auth/signed-out"), StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = Timeout });
        await page.Locator("[data-testid=signed-out]").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        var cookies = await page.Context.CookiesAsync([app.BaseAddress.ToString()]);
        Assert.DoesNotContain(cookies, c => c.Name == AuthSetup.CookieName);
        // The IdP session ended too: the next visit asks for a login again instead of signing in silently.
        await page.GotoAsync(Url(app, "/pods"));
        Assert.StartsWith(idp.Issuer.ToString(), page.Url);
        await page.Locator("input[name=login]").WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
    }

    [Fact]
    public async Task Session_SignedIn_CookieIsHttpOnlyLaxAndNoTokenReachesTheBrowser()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "admin", "/account");
        await WaitInteractiveAsync(page);

        var cookie = Assert.Single(await page.Context.CookiesAsync([app.BaseAddress.ToString()]), c => c.Name.StartsWith(AuthSetup.CookieName, StringComparison.Ordinal));
        Assert.Equal(AuthSetup.CookieName, cookie.Name);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.False(cookie.Secure, "plain http on loopback: Secure follows the request's scheme");

        // The cookie holds only a session key; the tokens live in the server-side store.
        var cookieOptions = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var cookieTicket = cookieOptions.TicketDataFormat.Unprotect(cookie.Value);
        Assert.NotNull(cookieTicket);
        Assert.Null(cookieTicket.Properties.GetTokenValue("access_token"));
        var sessionKey = Assert.Single(cookieTicket.Principal.Claims).Value;
        var session = await cookieOptions.SessionStore!.RetrieveAsync(sessionKey, app.Services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext ?? new Microsoft.AspNetCore.Http.DefaultHttpContext(), TestContext.Current.CancellationToken);
        Assert.NotNull(session);
        string[] tokens = [.. new[] { "access_token", "refresh_token", "id_token" }.Select(n => session.Properties.GetTokenValue(n)).OfType<string>()];
        Assert.Equal(3, tokens.Length);

        var documentCookie = await page.EvaluateAsync<string>("() => document.cookie");
        var storage = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })");
        var html = await page.ContentAsync();
        Assert.DoesNotContain(AuthSetup.CookieName, documentCookie);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, documentCookie);
            Assert.DoesNotContain(token, storage);
            Assert.DoesNotContain(token, html);
            Assert.DoesNotContain(token, cookie.Value);
        }
    }

    [Fact]
    public async Task Hub_ForeignOrigin_IsRejected()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "admin", "/account");
        await WaitInteractiveAsync(page);
        var api = page.Context.APIRequest;
        var own = app.BaseAddress.GetLeftPart(UriPartial.Authority);

        var foreign = await api.PostAsync(Url(app, "/_blazor/negotiate?negotiateVersion=1"),
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Origin"] = "http://evil.example" } });
        var same = await api.PostAsync(Url(app, "/_blazor/negotiate?negotiateVersion=1"),
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Origin"] = own } });

        Assert.Equal(403, foreign.Status);
        Assert.Equal(200, same.Status);
    }

    [Fact]
    public async Task Hub_Unauthenticated_Gets401NotARedirect()
    {
        using var app = StartApp();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.PostAsync(new Uri(app.BaseAddress, "/_blazor/negotiate?negotiateVersion=1"), null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Responses_Always_CarrySecurityHeaders()
    {
        using var app = StartApp();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await http.GetAsync(new Uri(app.BaseAddress, "/auth/signed-out"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Matches(new Regex("form-action 'self' " + Regex.Escape(idp.Issuer.GetLeftPart(UriPartial.Authority))), csp);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join("", response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", string.Join("", response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Revalidation_AdminRemovedFromGroupWhileCircuitOpen_LosesWriteAccess()
    {
        using var app = StartApp(("Auth:RevalidationInterval", "00:00:02"));
        var page = await SignInAsync(app, "admin", "/account");
        await WaitInteractiveAsync(page);
        Assert.Equal("yes", await TextAsync(page, "account-can-mutate"));

        try
        {
            await idp.SetGroupsAsync("admin", TestIdentityProvider.AuditorGroup);

            // The open circuit is updated in place (no reload): the server-side guard now refuses.
            await Assertions.Expect(page.Locator("[data-testid=account-can-mutate]")).ToHaveTextAsync("no", new() { Timeout = Timeout });
            Assert.Equal("Auditor", await TextAsync(page, "account-role"));
        }
        finally
        {
            await idp.SetGroupsAsync("admin", TestIdentityProvider.AdminGroup);
        }
    }

    [Fact]
    public async Task Matrix_Auditor_SeesTheMatrixAndReadsTheApiWithoutCspViolations()
    {
        using var app = StartApp();
        var page = await SignInAsync(app, "auditor", "/matrix");
        var cspViolations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) cspViolations.Add(m.Text); };
        await WaitInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]')?.dataset.ready === 'true'", null,
            new PageWaitForFunctionOptions { Timeout = Timeout });

        var api = await page.Context.APIRequest.GetAsync(Url(app, "/api/v1/matrix?format=csv"));

        Assert.Equal(200, api.Status);
        Assert.StartsWith("source,source_kind", await api.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(cspViolations);
    }

    [Fact]
    public async Task Api_Unauthenticated_Gets401NotARedirect()
    {
        using var app = StartApp();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        foreach (var path in new[] { "/api/v1/matrix", "/api/v1/reachability?from=ip:1.2.3.4&to=ip:5.6.7.8&port=80", "/api/v1/findings", "/api/v1/activity?format=csv", "/api/v1/openapi.json" })
        {
            using var response = await http.GetAsync(new Uri(app.BaseAddress, path), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Unauthorized, $"{path}: {(int)response.StatusCode}");
        }
    }
}
