using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Builds the KubernetesClient for the configured mode, always with <see cref="ImpersonationGroupLines"/> installed so
/// impersonated requests can name several groups.
/// </summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// The client for <paramref name="options"/>. Demo mode needs <paramref name="demoServer"/>, the embedded
    /// server's base URL.
    /// </summary>
    public static Kubernetes Create(KubernetesOptions options, Uri? demoServer = null) => options.Mode switch
    {
        KubernetesMode.Demo => ForBaseUrl(demoServer ?? throw new InvalidOperationException("Kubernetes:Mode is Demo but no embedded server URL was supplied.")),
        KubernetesMode.Kubeconfig => ImpersonationGroupLines.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(
            KubeconfigPath(options), string.IsNullOrEmpty(options.Context) ? null : options.Context)),
        KubernetesMode.InCluster => ImpersonationGroupLines.CreateClient(InClusterConfiguration(options)),
        _ => throw new InvalidOperationException($"Kubernetes:Mode '{options.Mode}' is not supported."),
    };

    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";
    public const string ServicePortVariable = "KUBERNETES_SERVICE_PORT";

    /// <summary>
    /// What KubernetesClient's InClusterConfig does, with the service-account directory from
    /// <c>Kubernetes:ServiceAccountDirectory</c>: https to KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT, trusting
    /// only the mounted cluster CA, with the mounted token (re-read periodically, so rotated tokens are picked up).
    /// </summary>
    public static KubernetesClientConfiguration InClusterConfiguration(KubernetesOptions options)
    {
        var problems = InClusterProblems(options);
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        var directory = options.ServiceAccountDirectory;
        var clusterCa = new X509Certificate2Collection();
        clusterCa.ImportFromPemFile(Path.Combine(directory, "ca.crt"));
        var configuration = new KubernetesClientConfiguration
        {
            Host = new UriBuilder("https", Environment.GetEnvironmentVariable(ServiceHostVariable),
                int.Parse(Environment.GetEnvironmentVariable(ServicePortVariable)!, System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            TokenProvider = new TokenFileAuth(Path.Combine(directory, "token")),
            SslCaCerts = clusterCa,
        };
        var namespaceFile = Path.Combine(directory, "namespace");
        if (File.Exists(namespaceFile)) configuration.Namespace = File.ReadAllText(namespaceFile).Trim();
        return configuration;
    }

    /// <summary>Why InCluster mode cannot work in this process; each problem names the setting to fix.</summary>
    public static IReadOnlyList<string> InClusterProblems(KubernetesOptions options)
    {
        var problems = new List<string>();
        var host = Environment.GetEnvironmentVariable(ServiceHostVariable);
        var port = Environment.GetEnvironmentVariable(ServicePortVariable);
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port))
            problems.Add($"Kubernetes:Mode is InCluster but {ServiceHostVariable} and {ServicePortVariable} are not both set " +
                         "(Kubernetes sets them in every pod; outside a cluster use Kubeconfig mode).");
        else if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            problems.Add($"{ServicePortVariable} is '{port}'; it must be a port number.");
        var directory = options.ServiceAccountDirectory;
        if (string.IsNullOrWhiteSpace(directory))
            problems.Add($"Kubernetes:ServiceAccountDirectory must not be empty (default {KubernetesOptions.DefaultServiceAccountDirectory}).");
        else
            foreach (var file in new[] { "token", "ca.crt" })
                if (!File.Exists(Path.Combine(directory, file)))
                    problems.Add($"Kubernetes:ServiceAccountDirectory: '{Path.Combine(directory, file)}' does not exist. Mount the " +
                                 "service-account token (automountServiceAccountToken: true) or point the key at where it is mounted.");
        return problems;
    }

    /// <summary>A client for an API server at <paramref name="baseUrl"/> without credentials (the embedded server on loopback).</summary>
    public static Kubernetes ForBaseUrl(Uri baseUrl) =>
        ImpersonationGroupLines.CreateClient(new KubernetesClientConfiguration { Host = baseUrl.ToString() });

    /// <summary>Kubernetes:KubeconfigPath, else the first entry of $KUBECONFIG, else ~/.kube/config.</summary>
    public static string KubeconfigPath(KubernetesOptions options)
    {
        if (!string.IsNullOrEmpty(options.KubeconfigPath)) return options.KubeconfigPath;
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        var first = env?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }
}
