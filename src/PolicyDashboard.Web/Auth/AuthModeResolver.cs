namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Decides the effective <c>Auth:Mode</c>. Leaving it unset is only safe for the embedded demo cluster: a dashboard
/// pointed at a real cluster (<c>Kubernetes:Mode</c> Kubeconfig or InCluster) without sign-in would hand the
/// cluster to anyone who reaches it, so there it is a start-up error instead of a default.
/// </summary>
public static class AuthModeResolver
{
    public const string KubernetesModeKey = "Kubernetes:Mode";
    public const string AuthModeKey = "Auth:Mode";

    /// <summary>The effective mode, or null when none may be assumed (then <see cref="MissingModeMessage"/> applies).</summary>
    public static AuthMode? Resolve(IConfiguration configuration)
    {
        var raw = configuration[AuthModeKey];
        if (!string.IsNullOrWhiteSpace(raw))
            return Enum.TryParse<AuthMode>(raw.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : null;
        return IsDemo(configuration) ? AuthMode.Unsecured : null;
    }

    public static bool IsDemo(IConfiguration configuration)
    {
        var kubernetesMode = configuration[KubernetesModeKey];
        return string.IsNullOrWhiteSpace(kubernetesMode) || kubernetesMode.Trim().Equals("Demo", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Why no mode could be resolved; names the key and the allowed values.</summary>
    public static string MissingModeMessage(IConfiguration configuration)
    {
        var raw = configuration[AuthModeKey];
        if (!string.IsNullOrWhiteSpace(raw))
            return $"{AuthModeKey} is '{raw}'; allowed values: {string.Join(", ", Enum.GetNames<AuthMode>())}.";
        return $"{AuthModeKey} is not set and {KubernetesModeKey} is '{configuration[KubernetesModeKey]}': " +
               $"a real cluster needs an explicit {AuthModeKey} ({nameof(AuthMode.OpenIdConnect)}, or " +
               $"{nameof(AuthMode.Unsecured)} for loopback-only use).";
    }
}
