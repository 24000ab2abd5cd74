namespace PolicyDashboard.Web.Auth;

/// <summary>
/// A change was refused: the current user is not an admin, or the install is read-only. HTTP requests turn it into
/// 403 (see <see cref="AuthSetup.UseDashboardAuth"/>); Blazor components catch it and show the message.
/// </summary>
public sealed class DashboardForbiddenException : Exception
{
    public DashboardForbiddenException(string action, DashboardUser user)
        : this(action, user, false,
            $"'{user.Name}' ({user.Role}) may not {action}: only members of Auth:AdminGroups may change the cluster.")
    {
    }

    private DashboardForbiddenException(string action, DashboardUser user, bool readOnlyInstall, string message) : base(message)
    {
        Action = action;
        User = user;
        IsReadOnlyInstall = readOnlyInstall;
    }

    /// <summary>The refusal on a read-only install (<c>Dashboard:ReadOnly</c>), whoever asks.</summary>
    public static DashboardForbiddenException ReadOnlyInstall(string action, DashboardUser user) =>
        new(action, user, true,
            $"'{user.Name}' ({user.Role}) may not {action}: this install is read-only (Dashboard:ReadOnly is true), " +
            "so nobody can change the cluster through it.");

    public string Action { get; }

    public DashboardUser User { get; }

    /// <summary>Refused because the install is read-only, not because of the user's role.</summary>
    public bool IsReadOnlyInstall { get; }
}
