using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Tests.Browser;

/// <summary>
/// The matrix page on the scale scenario (10,000 pods, 2,000 policies, 500 namespaces) in headless Chromium: first
/// paint, drill-down, and the memory an open matrix page costs the server. A measurement, not a gate: it runs only
/// with <c>POLICYDASH_MEASURE=1</c> and prints its figures (recorded in docs/benchmarks.md); it asserts only that the
/// page showed what it should.
/// </summary>
public sealed class MatrixScaleMeasurement(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Timeout = 120_000;

    [Fact]
    public async Task MatrixPage_ScaleScenario_FirstPaintDrillDownAndCircuitMemory()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("POLICYDASH_MEASURE") == "1", "a measurement: set POLICYDASH_MEASURE=1 to run it");
        var output = TestContext.Current.TestOutputHelper!;
        await using var app = new DashboardApp(new Dictionary<string, string?>
        {
            ["Demo:Scenario"] = "scale",
            ["Demo:Scale:Namespaces"] = "500",
            ["Demo:Scale:Pods"] = "10000",
            ["Demo:Scale:Policies"] = "2000",
        });
        var analysis = app.Services.GetRequiredService<IReachabilityAnalysis>();
        await app.WaitForAnalysisAsync(r => r.Snapshot.Pods.Count >= 10_000 && r.Snapshot.NetworkPolicies.Count >= 1_900, TimeSpan.FromMinutes(5));
        await Task.Delay(2000, TestContext.Current.CancellationToken); // let the last watch events settle into one result
        var result = analysis.Current;
        output.WriteLine($"cluster: {result.Snapshot.Pods.Count} pods, {result.Snapshot.NetworkPolicies.Count + result.Snapshot.AdminPolicies.Count} policies, {result.Snapshot.Namespaces.Count} namespaces; analysis {result.Duration.TotalMilliseconds:F0} ms ({(result.Incremental ? "incremental" : "full")})");

        var paints = new List<double>();
        var interactive = new List<double>();
        IPage? page = null;
        for (var i = 0; i < 3; i++)
        {
            if (page is not null) await page.CloseAsync();
            page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var sw = Stopwatch.StartNew();
            await page.GotoAsync(new Uri(app.BaseAddress, "matrix").ToString());
            await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = Timeout });
            interactive.Add(sw.Elapsed.TotalMilliseconds);
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]')?.dataset.ready === 'true'", null, new PageWaitForFunctionOptions { Timeout = Timeout, PollingInterval = 10 });
            paints.Add(sw.Elapsed.TotalMilliseconds);
        }
        var rows = await page!.EvalOnSelectorAsync<string[]>("[data-testid=matrix]", "el => el.matrixApi.rows()");
        Assert.True(rows.Length >= 500, $"{rows.Length} rows");
        output.WriteLine($"first paint (navigation → canvas drawn), namespace level {rows.Length} × {rows.Length}: first {paints[0]:F0} ms, then {paints[1]:F0} ms, {paints[2]:F0} ms; of which until the circuit was interactive: {interactive[0]:F0}, {interactive[1]:F0}, {interactive[2]:F0} ms");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("matrix-scale-namespaces") });

        var drills = new List<double>();
        foreach (var ns in rows.Where(r => r.StartsWith("ns:", StringComparison.Ordinal)).Skip(10).Take(5))
        {
            var sw = Stopwatch.StartNew();
            await page.GotoAsync(new Uri(app.BaseAddress, "matrix").ToString());
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]')?.dataset.ready === 'true'", null, new PageWaitForFunctionOptions { Timeout = Timeout, PollingInterval = 10 });
            var y = await page.EvalOnSelectorAsync<float>("[data-testid=matrix]", "(el, id) => el.matrixApi.locate(el.matrixApi.rowOf(id), 0).y", ns);
            var box = await page.Locator("[data-testid=matrix] .mx-scroll").BoundingBoxAsync();
            sw.Restart();
            await page.Mouse.ClickAsync(box!.X + 20, y);
            await page.WaitForFunctionAsync("() => { const el = document.querySelector('[data-testid=matrix]'); return el && el.matrixApi && el.matrixApi.rows().some(r => r.startsWith('wl:')); }", null,
                new PageWaitForFunctionOptions { Timeout = Timeout, PollingInterval = 5 });
            drills.Add(sw.Elapsed.TotalMilliseconds);
        }
        drills.Sort();
        output.WriteLine($"drill-down (click a namespace header → its workloads drawn): median {drills[drills.Count / 2]:F0} ms, min {drills[0]:F0} ms, max {drills[^1]:F0} ms over {drills.Count}");

        // Memory per open matrix page: the server's managed heap with one page open, then with five more.
        await page.GotoAsync(new Uri(app.BaseAddress, "matrix").ToString());
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]')?.dataset.ready === 'true'", null, new PageWaitForFunctionOptions { Timeout = Timeout });
        var before = Heap();
        var pages = new List<IPage>();
        for (var i = 0; i < 5; i++)
        {
            var p = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            await p.GotoAsync(new Uri(app.BaseAddress, "matrix").ToString());
            await p.WaitForFunctionAsync("() => document.querySelector('[data-testid=matrix]')?.dataset.ready === 'true'", null, new PageWaitForFunctionOptions { Timeout = Timeout });
            pages.Add(p);
        }
        var after = Heap();
        output.WriteLine($"server managed heap: {before / 1048576.0:F1} MB with one matrix page open, {after / 1048576.0:F1} MB with six: {(after - before) / 5.0 / 1048576.0:F2} MB per additional page (circuit + rendered state + matrix view)");
        foreach (var p in pages) await p.CloseAsync();
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
