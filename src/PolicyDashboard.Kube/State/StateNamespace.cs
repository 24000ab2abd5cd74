using k8s;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.State;

/// <summary>Works out the namespace the dashboard keeps its state in (see <see cref="StateOptions.StateNamespace"/>).</summary>
public static class StateNamespace
{
    public static string Resolve(StateOptions state, KubernetesOptions kubernetes)
    {
        if (!string.IsNullOrWhiteSpace(state.StateNamespace)) return state.StateNamespace;
        return kubernetes.Mode switch
        {
            KubernetesMode.Demo => StateOptions.DemoNamespace,
            KubernetesMode.InCluster => ReadServiceAccountNamespace(kubernetes)
                ?? throw new InvalidOperationException("Dashboard:StateNamespace is not set and the service account's namespace file cannot be read."),
            _ => KubeconfigNamespace(kubernetes) ?? "default",
        };
    }

    /// <summary>The pod's namespace as Kubernetes mounts it with the service-account token; null when absent or empty.</summary>
    public static string? ReadServiceAccountNamespace(KubernetesOptions kubernetes)
    {
        var file = Path.Combine(kubernetes.ServiceAccountDirectory, "namespace");
        try
        {
            var text = File.Exists(file) ? File.ReadAllText(file).Trim() : "";
            return text.Length > 0 ? text : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? KubeconfigNamespace(KubernetesOptions kubernetes)
    {
        try
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(
                KubernetesClientFactory.KubeconfigPath(kubernetes), string.IsNullOrEmpty(kubernetes.Context) ? null : kubernetes.Context);
            return string.IsNullOrWhiteSpace(config.Namespace) ? null : config.Namespace;
        }
        catch (Exception e) when (e is IOException or k8s.Exceptions.KubeConfigException)
        {
            return null;
        }
    }
}
