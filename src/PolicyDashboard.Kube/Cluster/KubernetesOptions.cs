using Microsoft.Extensions.Options;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>Where the cluster is: the embedded demo server, a kubeconfig context, or the pod's service account.</summary>
public enum KubernetesMode
{
    /// <summary>The embedded demo API server (its URL is supplied by the host).</summary>
    Demo,
    /// <summary>A kubeconfig file: <see cref="KubernetesOptions.KubeconfigPath"/>, else $KUBECONFIG, else ~/.kube/config.</summary>
    Kubeconfig,
    /// <summary>
    /// The pod's service account: the API server at KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT (https), the token
    /// and CA from <see cref="KubernetesOptions.ServiceAccountDirectory"/>.
    /// </summary>
    InCluster,
}

/// <summary>Whom the dashboard's writes for a user are made as (<c>Kubernetes:Identity</c>).</summary>
public enum KubernetesIdentity
{
    /// <summary>
    /// As the signed-in person: every write made for a user carries Impersonate-User / Impersonate-Group, so the
    /// cluster's RBAC decides what they may change and its audit log names them. The dashboard's own account needs
    /// the <c>impersonate</c> verb on users and groups. Reads by the shared informers stay the dashboard's own.
    /// </summary>
    Impersonate,

    /// <summary>
    /// Opt-out: writes use the dashboard's own credentials (the service account in cluster, the kubeconfig's user
    /// otherwise), so Kubernetes RBAC and audit see the dashboard, not the person. Only the dashboard's roles
    /// (Auth:AdminGroups) then stand between a user and the cluster.
    /// </summary>
    ServiceAccount,
}

/// <summary>The <c>Kubernetes</c> configuration section.</summary>
public sealed class KubernetesOptions
{
    public const string SectionName = "Kubernetes";

    /// <summary><c>Kubernetes:Mode</c>: Demo (default), Kubeconfig or InCluster.</summary>
    public KubernetesMode Mode { get; set; } = KubernetesMode.Demo;

    /// <summary>
    /// <c>Kubernetes:Identity</c>: <see cref="KubernetesIdentity.Impersonate"/> (default, in every mode) or the
    /// explicit opt-out <see cref="KubernetesIdentity.ServiceAccount"/>.
    /// </summary>
    public KubernetesIdentity Identity { get; set; } = KubernetesIdentity.Impersonate;

    /// <summary><c>Kubernetes:Context</c>: the kubeconfig context to use; its current-context when unset.</summary>
    public string? Context { get; set; }

    /// <summary><c>Kubernetes:KubeconfigPath</c>: the kubeconfig file; $KUBECONFIG (first entry) or ~/.kube/config when unset.</summary>
    public string? KubeconfigPath { get; set; }

    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>
    /// <c>Kubernetes:ServiceAccountDirectory</c>: where the pod's service-account token (<c>token</c>, re-read as
    /// Kubernetes rotates it), cluster CA (<c>ca.crt</c>) and <c>namespace</c> are mounted, in InCluster mode. Kubernetes
    /// mounts them at the default; change it only when the volume is mounted elsewhere.
    /// </summary>
    public string ServiceAccountDirectory { get; set; } = DefaultServiceAccountDirectory;

    /// <summary>
    /// <c>Kubernetes:WatchdogInterval</c>: a watch that delivers nothing (no event, no bookmark) for this long is
    /// considered dead and restarted. API servers send bookmarks about once a minute, so the default is 2 minutes.
    /// </summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>Kubernetes:PageSize</c>: objects per list request (limit/continue paging).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary><c>Kubernetes:BackoffMin</c>: first delay before retrying after an error.</summary>
    public TimeSpan BackoffMin { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>Kubernetes:BackoffMax</c>: the delay doubles per consecutive error up to this bound.</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Kubernetes:WatchTimeout</c>: how long the server keeps one watch open (timeoutSeconds, randomised up to
    /// twice this, as client-go does so that many watches do not reconnect at once).
    /// </summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Checks the options at start; each message names the configuration key and the allowed values.</summary>
public sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
            errors.Add($"Kubernetes:Mode must be one of {string.Join(", ", Enum.GetNames<KubernetesMode>())}.");
        if (!Enum.IsDefined(options.Identity))
            errors.Add($"Kubernetes:Identity must be one of {string.Join(", ", Enum.GetNames<KubernetesIdentity>())} " +
                       $"({nameof(KubernetesIdentity.Impersonate)} acts as the signed-in user; {nameof(KubernetesIdentity.ServiceAccount)} is the opt-out).");
        if (options.WatchdogInterval <= TimeSpan.Zero)
            errors.Add("Kubernetes:WatchdogInterval must be a positive duration (e.g. 00:02:00).");
        if (options.PageSize is < 1 or > 100_000)
            errors.Add("Kubernetes:PageSize must be between 1 and 100000.");
        if (options.BackoffMin <= TimeSpan.Zero)
            errors.Add("Kubernetes:BackoffMin must be a positive duration.");
        if (options.BackoffMax < options.BackoffMin)
            errors.Add("Kubernetes:BackoffMax must not be shorter than Kubernetes:BackoffMin.");
        if (options.WatchTimeout < TimeSpan.FromSeconds(1))
            errors.Add("Kubernetes:WatchTimeout must be at least one second.");
        if (options.Mode == KubernetesMode.Kubeconfig && options.KubeconfigPath is { Length: > 0 } path && !File.Exists(path))
            errors.Add($"Kubernetes:KubeconfigPath: file '{path}' does not exist.");
        if (options.Mode == KubernetesMode.InCluster)
            errors.AddRange(KubernetesClientFactory.InClusterProblems(options));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
