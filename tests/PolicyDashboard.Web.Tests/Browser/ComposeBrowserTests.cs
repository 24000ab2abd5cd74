using Microsoft.Playwright;

namespace PolicyDashboard.Web.Tests.Browser;

/// <summary>The seed's allow-redis composed from the template, previewed, dry-run, applied, and seen on the matrix.</summary>
public sealed class ComposeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = 20_000;

    [Fact]
    public async Task Compose_AllowRedisTemplate_PreviewDryRunApplyAndTheMatrixChanges()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "compose?ns=default"));
        var writesBefore = app.PolicyWriteCount;

        await page.Locator("[data-testid=compose-templates] button").ClickAsync();
        await page.Locator("[data-testid=template-allow-redis]").ClickAsync();

        var denied = page.Locator("[data-testid=impact-denied]");
        await denied.First.WaitForAsync(new LocatorWaitForOptions { Timeout = Timeout });
        var lines = await denied.AllInnerTextsAsync();
        Assert.Contains(lines, l => l.Contains("nginx", StringComparison.Ordinal) && l.Contains("redis-master", StringComparison.Ordinal) && l.Contains("6379/TCP", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("default/Deployment/frontend", StringComparison.Ordinal) && l.Contains("6379", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("[data-testid=impact-allowed]").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("compose-allow-redis-preview") });

        await page.Locator("[data-testid=compose-dry-run]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=compose-result]")).ToContainTextAsync("dry run", new() { Timeout = Timeout });
        Assert.Equal(writesBefore, app.PolicyWriteCount);

        await page.Locator("[data-testid=compose-apply]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=compose-result]")).ToContainTextAsync("applied", new() { Timeout = Timeout });
        Assert.Equal(writesBefore + 1, app.PolicyWriteCount);

        await page.GotoAsync(new Uri(app.BaseAddress, "matrix?from=default&to=default&port=6379").ToString());
        await page.WaitForFunctionAsync("() => { const el = document.querySelector('[data-testid=matrix]'); return el && el.matrixApi && el.matrixApi.state(el.matrixApi.rowOf('wl:default/Deployment/nginx'), el.matrixApi.columnOf('wl:default/Deployment/redis-master')) === 0; }",
            null, new PageWaitForFunctionOptions { Timeout = Timeout });
        Assert.Equal(2, await page.EvalOnSelectorAsync<int>("[data-testid=matrix]",
            "el => el.matrixApi.state(el.matrixApi.rowOf('wl:default/Deployment/frontend'), el.matrixApi.columnOf('wl:default/Deployment/redis-master'))"));
    }

    [Fact]
    public async Task Compose_BrokenYaml_ShowsLineAndColumnAndKeepsTheText()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "compose"));
        const string broken = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n spec: [\n";

        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=code-editor]')?.editorApi !== undefined", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        await page.EvalOnSelectorAsync("[data-testid=code-editor]", "(el, text) => el.editorApi.type(text)", broken);

        var problem = page.Locator("[data-testid=draft-problem]");
        await Assertions.Expect(problem.First).ToContainTextAsync("line ", new() { Timeout = Timeout });
        Assert.Contains("column", await problem.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(broken, await page.EvalOnSelectorAsync<string>("[data-testid=code-editor]", "el => el.editorApi.value()"));
        // The editor marks the line the problem is on.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=code-editor]').editorApi.markers().some(m => m.line === 5)", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        Assert.True(await page.Locator("[data-testid=compose-apply]").IsDisabledAsync());
    }

    [Fact]
    public async Task Compose_DraftEditedInTheBuilder_SurvivesAReloadAndShowsOnTheMatrix()
    {
        await using var app = new DashboardApp();
        var page = await browser.OpenInteractiveAsync(new Uri(app.BaseAddress, "compose?ns=default"));
        await page.Locator("[data-testid=compose-templates] button").ClickAsync();
        await page.Locator("[data-testid=template-allow-redis]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=code-editor]')?.editorApi !== undefined", null, new PageWaitForFunctionOptions { Timeout = Timeout });

        // An edit in the builder: the ingress rule gets a port picked from the selected pods' named ports.
        await page.Locator("[data-testid=rule-ingress] [data-testid=named-port]").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=code-editor]').editorApi.value().includes('port: redis')", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        // Saved once it rests, and the address names the draft.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("draft="), new PageWaitForURLOptions { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=draft-saved]")).ToContainTextAsync("Draft saved", new() { Timeout = Timeout });
        var yaml = await page.EvalOnSelectorAsync<string>("[data-testid=code-editor]", "el => el.editorApi.value()");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("compose-builder"), FullPage = true });

        await page.ReloadAsync();
        await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = Timeout });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=code-editor]')?.editorApi !== undefined", null, new PageWaitForFunctionOptions { Timeout = Timeout });

        Assert.Equal(yaml, await page.EvalOnSelectorAsync<string>("[data-testid=code-editor]", "el => el.editorApi.value()"));
        Assert.Equal("allow-redis", await page.Locator("[data-testid=builder-name] input, input[data-testid=builder-name]").InputValueAsync());
        await Assertions.Expect(page.Locator("[data-testid=rule-ingress] [data-testid=port-number] input, [data-testid=rule-ingress] input[data-testid=port-number]")).ToHaveValueAsync("redis");

        // The same draft on the matrix: nginx loses redis-master (outlined), frontend keeps it.
        await page.Locator("[data-testid=compose-on-matrix]").ClickAsync();
        await page.WaitForFunctionAsync("() => { const el = document.querySelector('[data-testid=matrix]'); return el && el.dataset.ready === 'true' && Number(el.dataset.highlighted) > 0; }",
            null, new PageWaitForFunctionOptions { Timeout = Timeout });
        await Assertions.Expect(page.Locator("[data-testid=matrix-draft]")).ToContainTextAsync("allow-redis", new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("matrix-draft") });
        // Drafts are kept in the dashboard's state ConfigMap; no NetworkPolicy was written.
        Assert.DoesNotContain(app.Sandbox.Audit, a => a.Resource == "networkpolicies" && a.Verb is "create" or "update" or "patch" or "delete");
        Assert.Contains(app.Sandbox.Audit, a => a.Resource == "configmaps" && a.Verb is "create" or "update" or "patch");
    }
}
