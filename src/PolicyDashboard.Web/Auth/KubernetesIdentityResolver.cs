using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Turns the dashboard's user into the identity its requests toward Kubernetes carry (Kubernetes:Identity).
/// Impersonate: the user's Kubernetes username (Auth:OpenIdConnect:UsernameClaim, with UsernamePrefix) and groups
/// (the groups claim, with GroupsPrefix), sent as Impersonate-User / Impersonate-Group so the cluster's RBAC and
/// audit log see the person. In Unsecured mode nobody signed in, so the local admin is impersonated under a name
/// that says so (<see cref="UnsecuredLocalAdmin"/>): a real cluster grants it nothing unless told to.
/// ServiceAccount: null, the dashboard's own credentials.
/// </summary>
public sealed partial class KubernetesIdentityResolver(
    IOptionsMonitor<KubernetesOptions> kubernetes, IOptionsMonitor<AuthOptions> auth, ILogger<KubernetesIdentityResolver> logger)
{
    /// <summary>The Kubernetes username of Unsecured mode's local admin.</summary>
    public const string UnsecuredLocalAdmin = "policy-dashboard:unsecured-local-admin";

    /// <summary>Names beginning with this are reserved for Kubernetes components (system:masters bypasses RBAC).</summary>
    private const string Reserved = "system:";

    public KubernetesIdentity Mode => kubernetes.CurrentValue.Identity;

    /// <summary>
    /// The identity to impersonate for <paramref name="user"/>, or null when Kubernetes:Identity is ServiceAccount.
    /// Throws <see cref="KubernetesIdentityException"/> when the user cannot be represented toward Kubernetes.
    /// </summary>
    public RequestIdentity? For(DashboardUser user)
    {
        if (Mode == KubernetesIdentity.ServiceAccount) return null;
        if (!user.IsAuthenticated) throw new KubernetesIdentityException(user, "nobody is signed in");
        if (user.IsUnsecured) return new RequestIdentity(UnsecuredLocalAdmin, []);

        var oidc = auth.CurrentValue.OpenIdConnect;
        if (string.IsNullOrEmpty(user.Username))
            throw new KubernetesIdentityException(user, $"the sign-in carried no '{oidc.UsernameClaim}' claim (Auth:OpenIdConnect:UsernameClaim)");
        var username = oidc.UsernamePrefix + user.Username;
        // An IdP must never be able to name a system identity or group: impersonating system:masters, say, would
        // bypass RBAC altogether. Such a user is refused; such groups are left out (fewer rights, never more).
        if (username.StartsWith(Reserved, StringComparison.Ordinal))
            throw new KubernetesIdentityException(user, $"the Kubernetes username '{username}' begins with {Reserved}, which is reserved");
        var groups = new List<string>();
        foreach (var group in user.Groups)
        {
            var name = oidc.GroupsPrefix + group;
            if (name.StartsWith(Reserved, StringComparison.Ordinal) || name.Any(char.IsControl) || name.Length == 0)
            {
                LogGroupDropped(username, name);
                continue;
            }
            groups.Add(name);
        }
        if (username.Any(char.IsControl))
            throw new KubernetesIdentityException(user, "the Kubernetes username contains control characters");
        return new RequestIdentity(username, groups);
    }

    /// <summary>Who requests act as, for messages: the impersonated username, or the dashboard's own account.</summary>
    public string Describe(RequestIdentity? identity) =>
        identity?.User ?? "the dashboard's own account (Kubernetes:Identity=ServiceAccount)";

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning,
        Message = "Not impersonating group {Group} for {User}: names beginning with system: are reserved for Kubernetes")]
    private partial void LogGroupDropped(string user, string group);
}

/// <summary>The current user cannot be represented toward Kubernetes (no username, a reserved name).</summary>
public sealed class KubernetesIdentityException(DashboardUser user, string reason)
    : Exception($"'{user.Name}' cannot act toward Kubernetes: {reason}.")
{
    public DashboardUser User { get; } = user;
}
