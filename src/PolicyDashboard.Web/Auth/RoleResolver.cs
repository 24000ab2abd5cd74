using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Turns a principal into a <see cref="DashboardUser"/>. The role is derived on every call from the groups and the
/// current options rather than stored, so a changed group list (revalidation) or configuration applies at once.
/// </summary>
public sealed class RoleResolver(IOptionsMonitor<AuthOptions> options)
{
    public DashboardUser Resolve(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true) return DashboardUser.Anonymous;
        var current = options.CurrentValue;

        // The marker claim alone is not enough: it counts only while the configured mode is Unsecured, so a
        // principal carrying it can never become admin in OpenIdConnect mode.
        if (current.EffectiveMode == AuthMode.Unsecured)
            return principal.HasClaim(c => c.Type == DashboardClaims.Unsecured)
                ? new DashboardUser("local-admin", "Local admin (unsecured)", [], DashboardRole.Admin, true, true)
                : DashboardUser.Anonymous;

        var oidc = current.OpenIdConnect;
        var groups = principal.FindAll(oidc.GroupsClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var role = groups.Any(g => current.AdminGroups.Contains(g, StringComparer.Ordinal)) ? DashboardRole.Admin
            : groups.Any(g => current.AuditorGroups.Contains(g, StringComparer.Ordinal)) ? DashboardRole.Auditor
            : DashboardRole.None;
        var id = principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";
        var name = principal.FindFirst(oidc.NameClaim)?.Value
                   ?? principal.FindFirst("preferred_username")?.Value
                   ?? principal.FindFirst("email")?.Value
                   ?? id;
        var username = principal.FindFirst(oidc.UsernameClaim)?.Value ?? "";
        return new DashboardUser(id, name, groups, role, true, false, username);
    }
}
