namespace PolicyDashboard.Web.Auth;

/// <summary>
/// A change was refused because the current user is not an admin. HTTP requests turn it into 403 (see
/// <see cref="AuthSetup.UseDashboardAuth"/>); Blazor components catch it and show the message.
/// </summary>
public sealed class DashboardForbiddenException(string action, DashboardUser user)
    : Exception($"'{user.Name}' ({user.Role}) may not {action}: only members of Auth:AdminGroups may change the cluster.")
{
    public string Action { get; } = action;
    public DashboardUser User { get; } = user;
}
