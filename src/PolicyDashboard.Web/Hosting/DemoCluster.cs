using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Web.Hosting;

/// <summary>
/// Demo mode: the embedded Kubernetes-API-compatible server runs inside the process, seeded with the configured
/// scenario, and a kubeconfig is written for it so that kubectl can follow the seed against the same cluster.
/// </summary>
public static partial class DemoCluster
{
    /// <summary>
    /// Starts the embedded server before the host is built (the cluster layer needs its URL) and registers it; it is
    /// stopped with the host. Options are validated here, first, so a bad <c>Demo:*</c> value stops the start.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(WebApplicationBuilder builder)
    {
        var options = new DemoOptions();
        builder.Configuration.GetSection(DemoOptions.Section).Bind(options);
        var result = new DemoOptionsValidator().Validate(null, options);
        if (result.Failed) throw new OptionsValidationException(DemoOptions.Section, typeof(DemoOptions), result.Failures);

        var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = options.ApiPort,
            Scenario = options.Scenario.ToLowerInvariant(),
            Scale = new ScaleScenarioOptions
            {
                Namespaces = options.Scale.Namespaces,
                Pods = options.Scale.Pods,
                Policies = options.Scale.Policies,
                Seed = options.Scale.Seed,
            },
        });
        var kubeconfig = options.EffectiveKubeconfigPath;
        Directory.CreateDirectory(Path.GetDirectoryName(kubeconfig)!);
        server.WriteKubeconfig(kubeconfig);

        builder.Services.AddSingleton(server);
        builder.Services.AddSingleton(new DemoClusterInfo(server.BaseAddress, kubeconfig, options.Scenario));
        builder.Services.AddHostedService<DemoClusterLifetime>();
        return server;
    }
}

/// <summary>Where the demo cluster listens and where its kubeconfig is, for the UI and the log.</summary>
public sealed record DemoClusterInfo(Uri ApiServer, string KubeconfigPath, string Scenario);

/// <summary>Announces the demo cluster once the app runs and stops it (and removes the kubeconfig) with the host.</summary>
internal sealed partial class DemoClusterLifetime(SandboxServer server, DemoClusterInfo info, ILogger<DemoClusterLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDemoCluster(logger, info.Scenario, info.ApiServer, info.KubeconfigPath, info.KubeconfigPath);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await server.DisposeAsync();
        try { File.Delete(info.KubeconfigPath); }
        catch (IOException) { /* a kubeconfig left in the temp folder is harmless */ }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Demo cluster ({Scenario}) API server at {ApiServer} — kubeconfig: {Kubeconfig}. Try: KUBECONFIG={KubeconfigForShell} kubectl get pods -A")]
    private static partial void LogDemoCluster(ILogger logger, string scenario, Uri apiServer, string kubeconfig, string kubeconfigForShell);
}
