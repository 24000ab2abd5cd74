namespace PolicyDashboard.Web.Auth;

internal sealed partial class MutationGuard(ICurrentUser currentUser, ILogger<MutationGuard> logger) : IMutationGuard
{
    public bool CanMutate => currentUser.User.IsAdmin;

    public DashboardUser EnsureAdmin(string action)
    {
        var user = currentUser.User;
        if (user.IsAdmin) return user;
        LogRefused(user.Name, user.Role, string.Join(",", user.Groups), action);
        throw new DashboardForbiddenException(action, user);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Refused {Action} for {User} (role {Role}, groups {Groups}): not an admin")]
    private partial void LogRefused(string user, DashboardRole role, string groups, string action);
}
