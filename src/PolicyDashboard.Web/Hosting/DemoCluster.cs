using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Scenarios;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Sandbox.Authorization;
using PolicyDashboard.Web.Auth;

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
    IOptions<AuthOptions> authOptions,
    IOptions<StateOptions> stateOptions,
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
            Grants = Grants(authOptions.Value),
        }, cancellationToken);
        await CreateStateNamespaceAsync(_server, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(KubeconfigPath)!);
        _server.WriteKubeconfig(KubeconfigPath);
        LogDemoCluster(logger, options.Scenario, _server.BaseAddress, KubeconfigPath, KubeconfigPath);
    }

    /// <summary>
    /// The demo cluster's RBAC, which keeps the demo working when the dashboard acts as the user: Unsecured mode's
    /// local admin and the members of Auth:AdminGroups (as they reach Kubernetes, with Auth:OpenIdConnect:GroupsPrefix)
    /// may do everything; anyone else only what the dashboard's own account does for them (reads).
    /// </summary>
    public static IReadOnlyList<SandboxGrant> Grants(AuthOptions auth) =>
    [
        SandboxGrant.AllToUser(KubernetesIdentityResolver.UnsecuredLocalAdmin),
        .. auth.AdminGroups.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => SandboxGrant.AllToGroup(auth.OpenIdConnect.GroupsPrefix + g)),
    ];

    /// <summary>
    /// The namespace the dashboard keeps its state in (drafts, activity): what an install's manifests create in a real
    /// cluster, the demo creates through the API like any client would.
    /// </summary>
    private async Task CreateStateNamespaceAsync(SandboxServer server, CancellationToken cancellationToken)
    {
        var name = StateNamespace.Resolve(stateOptions.Value, kubernetesOptions.Value);
        using var client = KubernetesClientFactory.ForBaseUrl(server.BaseAddress);
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace
            {
                Metadata = new V1ObjectMeta
                {
                    Name = name,
                    Labels = new Dictionary<string, string> { [StateDocument.ManagedByLabel] = StateDocument.ManagedByValue },
                },
            }, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // The scenario has it already (a demo that names an existing namespace as Dashboard:StateNamespace).
        }
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
