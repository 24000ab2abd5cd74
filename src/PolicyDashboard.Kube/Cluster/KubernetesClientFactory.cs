using k8s;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>Builds the KubernetesClient for the configured mode.</summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// The client for <paramref name="options"/>. Demo mode needs <paramref name="demoServer"/>, the embedded
    /// server's base URL.
    /// </summary>
    public static Kubernetes Create(KubernetesOptions options, Uri? demoServer = null) => options.Mode switch
    {
        KubernetesMode.Demo => ForBaseUrl(demoServer ?? throw new InvalidOperationException("Kubernetes:Mode is Demo but no embedded server URL was supplied.")),
        KubernetesMode.Kubeconfig => new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            KubeconfigPath(options), string.IsNullOrEmpty(options.Context) ? null : options.Context)),
        KubernetesMode.InCluster => new Kubernetes(KubernetesClientConfiguration.InClusterConfig()),
        _ => throw new InvalidOperationException($"Kubernetes:Mode '{options.Mode}' is not supported."),
    };

    /// <summary>A client for an API server at <paramref name="baseUrl"/> without credentials (the embedded server on loopback).</summary>
    public static Kubernetes ForBaseUrl(Uri baseUrl) =>
        new(new KubernetesClientConfiguration { Host = baseUrl.ToString() });

    /// <summary>Kubernetes:KubeconfigPath, else the first entry of $KUBECONFIG, else ~/.kube/config.</summary>
    public static string KubeconfigPath(KubernetesOptions options)
    {
        if (!string.IsNullOrEmpty(options.KubeconfigPath)) return options.KubeconfigPath;
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = env?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }
}
