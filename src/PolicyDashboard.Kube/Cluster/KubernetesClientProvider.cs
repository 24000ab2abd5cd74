using k8s;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Creates the API client on first use, so that in Demo mode the embedded server (started by the host) is
/// already listening when its URL is asked for.
/// </summary>
public sealed class KubernetesClientProvider : IDisposable
{
    private readonly Lazy<KubeApi> _api;

    public KubernetesClientProvider(IOptions<KubernetesOptions> options, Func<Uri>? demoServer = null)
    {
        _api = new Lazy<KubeApi>(() => new KubeApi(KubernetesClientFactory.Create(options.Value, options.Value.Mode == KubernetesMode.Demo ? demoServer?.Invoke() : null)));
    }

    public KubernetesClientProvider(Kubernetes client) => _api = new Lazy<KubeApi>(new KubeApi(client));

    public KubeApi Api => _api.Value;

    public Kubernetes Client => _api.Value.Client;

    public void Dispose()
    {
        if (_api.IsValueCreated) _api.Value.Client.Dispose();
    }
}
