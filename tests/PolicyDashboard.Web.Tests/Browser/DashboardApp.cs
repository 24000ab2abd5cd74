using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Web.Tests.Browser;

/// <summary>
/// The real web app on a real loopback port (Kestrel), in Demo mode: it hosts its own embedded API server,
/// which tests reach through <see cref="Sandbox"/> to change the cluster behind the dashboard's back.
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public DashboardApp(IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Demo",
            ["Demo:Scenario"] = "demo",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features
        .Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// The first analysis result that satisfies <paramref name="condition"/> (the current one included); a
    /// <see cref="TimeoutException"/> when none comes within <paramref name="timeout"/> (30 s by default).
    /// </summary>
    public async Task<PolicyDashboard.Web.Analysis.AnalysisResult> WaitForAnalysisAsync(
        Func<PolicyDashboard.Web.Analysis.AnalysisResult, bool> condition, TimeSpan? timeout = null)
    {
        var analysis = Services.GetRequiredService<PolicyDashboard.Web.Analysis.IReachabilityAnalysis>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        await foreach (var result in analysis.WatchAsync(cts.Token))
            if (condition(result)) return result;
        throw new TimeoutException("the analysis did not reach the expected state in time");
    }

    public SandboxServer Sandbox => Services.GetRequiredService<PolicyDashboard.Web.Hosting.DemoCluster>().Server;

    /// <summary>
    /// Successful writes of policies (dry runs excluded) the embedded server answered: unlike
    /// <see cref="SandboxServer.WriteCount"/>, not moved by the dashboard keeping its own state (activity, drafts).
    /// </summary>
    public int PolicyWriteCount => Sandbox.Audit.Count(e => !e.DryRun && e.Code is >= 200 and < 300
        && e.Resource is "networkpolicies" or "adminnetworkpolicies" or "baselineadminnetworkpolicies" or "clusternetworkpolicies");

    /// <summary>Completes once the activity recorder compared the first complete snapshot with its stored history (and stored it).</summary>
    public Task WaitForActivityAsync() =>
        Services.GetRequiredService<PolicyDashboard.Web.Activity.ActivityRecorder>().Ready.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
