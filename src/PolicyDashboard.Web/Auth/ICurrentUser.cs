namespace PolicyDashboard.Web.Auth;

/// <summary>
/// The person behind the current HTTP request or Blazor circuit, for any scoped service or component. In a circuit
/// it follows the authentication state, so a revalidated (demoted or signed-out) user is seen at once.
/// </summary>
public interface ICurrentUser
{
    DashboardUser User { get; }
}
