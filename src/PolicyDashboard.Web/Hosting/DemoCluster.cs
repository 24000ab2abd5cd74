using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Web.Hosting;

/// <summary>
/// Demo mode: the embedded Kubernetes-API-compatible server runs inside the process, seeded with the configured
/// scenario, and a kubeconfig is written for it so that kubectl can follow the seed against the same cluster.
/// It starts as a hosted service ahead of the cluster layer (which asks for its URL when it first connects) and
/// stops with the host. In the other modes it does nothing.
/// </summary>
public sealed partial class DemoCluster(
    IOptions<DemoOptions> demoOptions,
    IOptions<KubernetesOptions> kubernetesOptions,
    ILogger<DemoCluster> logger) : IHostedService, IAsyncDisposable
{
    private SandboxServer? _server;

    public bool Enabled => kubernetesOptions.Value.Mode == KubernetesMode.Demo;

    /// <summary>The running embedded server; only in Demo mode, after start.</summary>
    public SandboxServer Server => _server ?? throw new InvalidOperationException(
        Enabled ? "The demo cluster has not started yet." : "Kubernetes:Mode is not Demo: there is no demo cluster.");

    public string KubeconfigPath => demoOptions.Value.EffectiveKubeconfigPath;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled) return;
        var options = demoOptions.Value;
        _server = await SandboxServer.StartAsync(new SandboxOptions
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
        }, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(KubeconfigPath)!);
        _server.WriteKubeconfig(KubeconfigPath);
        LogDemoCluster(logger, options.Scenario, _server.BaseAddress, KubeconfigPath, KubeconfigPath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is null) return;
        await server.DisposeAsync();
        try { File.Delete(KubeconfigPath); }
        catch (IOException) { /* a kubeconfig left in the temp folder is harmless */ }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Demo cluster ({Scenario}) API server at {ApiServer} — kubeconfig: {Kubeconfig}. Try: KUBECONFIG={KubeconfigForShell} kubectl get pods -A")]
    private static partial void LogDemoCluster(ILogger logger, string scenario, Uri apiServer, string kubeconfig, string kubeconfigForShell);
}
