using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Scoped <see cref="ICurrentUser"/>. Inside a circuit (and while prerendering) the authentication state provider is
/// the source of truth: it follows revalidation, whereas a circuit has no reliable HttpContext. Plain HTTP requests
/// (API endpoints) never set that state, so they fall back to <see cref="HttpContext.User"/>.
/// </summary>
internal sealed class CurrentUser(
    IHttpContextAccessor httpContextAccessor,
    AuthenticationStateProvider authenticationState,
    RoleResolver resolver) : ICurrentUser
{
    public DashboardUser User => resolver.Resolve(CircuitPrincipal() ?? httpContextAccessor.HttpContext?.User);

    private ClaimsPrincipal? CircuitPrincipal()
    {
        try
        {
            var state = authenticationState.GetAuthenticationStateAsync();
            return state.IsCompletedSuccessfully ? state.Result.User : null;
        }
        catch (InvalidOperationException)
        {
            // ServerAuthenticationStateProvider throws when no state was set: an ordinary HTTP request.
            return null;
        }
    }
}
