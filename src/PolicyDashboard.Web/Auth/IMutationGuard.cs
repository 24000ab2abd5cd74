namespace PolicyDashboard.Web.Auth;

/// <summary>
/// The server-side check every mutating service method makes first, whatever called it (a Blazor event, the HTTP
/// API, a raw hub message). Hidden buttons are a convenience; this is the enforcement.
/// </summary>
public interface IMutationGuard
{
    /// <summary>Whether the current user may change anything (for rendering controls; not a substitute for EnsureAdmin).</summary>
    bool CanMutate { get; }

    /// <summary>Returns the admin user, or throws <see cref="DashboardForbiddenException"/> (and logs the refusal).</summary>
    DashboardUser EnsureAdmin(string action);
}
