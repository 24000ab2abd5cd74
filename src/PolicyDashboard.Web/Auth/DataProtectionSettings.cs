using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// <c>DataProtection:*</c>: where the key ring lives that encrypts session cookies, antiforgery tokens and stored
/// sessions. Persisting it keeps sessions valid across restarts; sharing it lets several replicas read each other's
/// cookies. In cluster the default is a Secret (<see cref="KeyRingStore.Secret"/>), shared by the replicas; elsewhere a
/// directory.
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    public const string DefaultSecretName = "policy-dashboard-keys";

    /// <summary>
    /// <c>DataProtection:Store</c>: <c>Secret</c> or <c>Directory</c>; unset = Secret when <c>Kubernetes:Mode</c> is
    /// InCluster, Directory otherwise.
    /// </summary>
    public string? Store { get; set; }

    /// <summary><c>DataProtection:KeyDirectory</c>; empty = a policy-dashboard/keys folder under the temp path.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// <c>DataProtection:SecretName</c>: the Secret in the state namespace (<c>Dashboard:StateNamespace</c>) holding the
    /// key ring; the install ships it empty and grants the dashboard get and update on this one name.
    /// </summary>
    public string SecretName { get; set; } = DefaultSecretName;

    public string EffectiveKeyDirectory =>
        string.IsNullOrWhiteSpace(KeyDirectory)
            ? Path.Combine(Path.GetTempPath(), "policy-dashboard", "keys")
            : KeyDirectory;

    /// <summary>The store to use in <paramref name="mode"/>; null when <see cref="Store"/> names none (start-up validation reports it).</summary>
    public KeyRingStore? EffectiveStore(KubernetesMode mode) =>
        string.IsNullOrWhiteSpace(Store)
            ? mode == KubernetesMode.InCluster ? KeyRingStore.Secret : KeyRingStore.Directory
            : Enum.TryParse<KeyRingStore>(Store.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(Store, out _) ? s : null;
}

/// <summary>Checks <c>DataProtection:*</c> at start; each message names the key.</summary>
public sealed class DataProtectionSettingsValidator : IValidateOptions<DataProtectionSettings>
{
    public ValidateOptionsResult Validate(string? name, DataProtectionSettings options)
    {
        var errors = new List<string>();
        if (options.EffectiveStore(KubernetesMode.Demo) is null)
            errors.Add($"DataProtection:Store must be one of {string.Join(", ", Enum.GetNames<KeyRingStore>())} (got '{options.Store}'); " +
                       "unset, it is Secret in cluster and Directory elsewhere.");
        if (string.IsNullOrWhiteSpace(options.SecretName) || options.SecretName.Length > 253
            || !System.Text.RegularExpressions.Regex.IsMatch(options.SecretName, "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"))
            errors.Add($"DataProtection:SecretName must be a Secret name (a lowercase RFC 1123 subdomain); got '{options.SecretName}'.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
