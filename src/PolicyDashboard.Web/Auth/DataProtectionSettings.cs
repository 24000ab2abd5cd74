namespace PolicyDashboard.Web.Auth;

/// <summary>
/// <c>DataProtection:*</c>: where the key ring lives that encrypts session cookies, antiforgery tokens and stored
/// sessions. Persisting it keeps sessions valid across restarts; sharing it lets several replicas read each other's
/// cookies. A directory works for one instance or a shared volume; a Kubernetes Secret store plugs in as another
/// <see cref="Microsoft.AspNetCore.DataProtection.Repositories.IXmlRepository"/> (see <see cref="AuthSetup"/>).
/// </summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary><c>DataProtection:KeyDirectory</c>; empty = a policy-dashboard/keys folder under the temp path.</summary>
    public string? KeyDirectory { get; set; }

    public string EffectiveKeyDirectory =>
        string.IsNullOrWhiteSpace(KeyDirectory)
            ? Path.Combine(Path.GetTempPath(), "policy-dashboard", "keys")
            : KeyDirectory;
}
