using System.Collections.Immutable;

namespace PolicyDashboard.Web.Auth;

/// <summary>The person behind the current request or circuit, as the dashboard sees them.</summary>
/// <param name="Id">Stable identifier (the IdP's <c>sub</c>); empty when anonymous.</param>
/// <param name="Name">Display name.</param>
/// <param name="Groups">Groups from the IdP's group claim (as sent, case-sensitive).</param>
/// <param name="Role">The role derived from <see cref="Groups"/> and Auth:AdminGroups / Auth:AuditorGroups.</param>
/// <param name="IsAuthenticated">Signed in (always true in Unsecured mode).</param>
/// <param name="IsUnsecured">Auth:Mode is Unsecured: nobody signed in, everyone is a local admin.</param>
/// <param name="Username">
/// The value of Auth:OpenIdConnect:UsernameClaim (without prefix): who the user is toward Kubernetes; empty when the
/// claim is missing or in Unsecured mode (see <see cref="KubernetesIdentityResolver"/>).
/// </param>
public sealed record DashboardUser(
    string Id,
    string Name,
    ImmutableArray<string> Groups,
    DashboardRole Role,
    bool IsAuthenticated,
    bool IsUnsecured,
    string Username = "")
{
    public static DashboardUser Anonymous { get; } = new("", "anonymous", [], DashboardRole.None, false, false);

    public bool IsAdmin => Role == DashboardRole.Admin;

    /// <summary>May see the dashboard's views (admin or auditor).</summary>
    public bool IsReader => Role >= DashboardRole.Auditor;
}
