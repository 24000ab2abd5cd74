using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

internal sealed partial class MutationGuard(
    ICurrentUser currentUser, IOptionsMonitor<DashboardOptions> dashboard, ILogger<MutationGuard> logger) : IMutationGuard
{
    public bool CanMutate => !dashboard.CurrentValue.ReadOnly && currentUser.User.IsAdmin;

    public DashboardUser EnsureAdmin(string action)
    {
        var user = currentUser.User;
        if (dashboard.CurrentValue.ReadOnly)
        {
            // Checked before the role: on a read-only install nobody may change anything, admins included.
            LogRefusedReadOnly(user.Name, user.Role, action);
            throw DashboardForbiddenException.ReadOnlyInstall(action, user);
        }
        if (user.IsAdmin) return user;
        LogRefused(user.Name, user.Role, string.Join(",", user.Groups), action);
        throw new DashboardForbiddenException(action, user);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Refused {Action} for {User} (role {Role}, groups {Groups}): not an admin")]
    private partial void LogRefused(string user, DashboardRole role, string groups, string action);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning,
        Message = "Refused {Action} for {User} (role {Role}): this install is read-only (Dashboard:ReadOnly)")]
    private partial void LogRefusedReadOnly(string user, DashboardRole role, string action);
}
