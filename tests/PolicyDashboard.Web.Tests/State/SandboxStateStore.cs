using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Web.Tests.State;

/// <summary>
/// An empty embedded API server and the dashboard's state store on it (documents in kube-system, the dashboard's own
/// credentials): what the tests of the dashboard's in-cluster state (drafts, sessions) run against.
/// </summary>
public sealed class SandboxStateStore : IAsyncDisposable
{
    private readonly KubernetesClientProvider _provider;

    private SandboxStateStore(SandboxServer server, KubernetesClientProvider provider)
    {
        Server = server;
        _provider = provider;
        Store = new KubeStateStore(provider, Options.Create(new StateOptions { StateNamespace = "kube-system" }),
            Options.Create(new KubernetesOptions { Mode = KubernetesMode.Kubeconfig }));
    }

    public SandboxServer Server { get; }

    public KubeStateStore Store { get; }

    public static async Task<SandboxStateStore> StartAsync(CancellationToken cancellationToken)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "empty" }, cancellationToken);
        return new SandboxStateStore(server, new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(server.BaseAddress)));
    }

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        await Server.DisposeAsync();
    }
}
