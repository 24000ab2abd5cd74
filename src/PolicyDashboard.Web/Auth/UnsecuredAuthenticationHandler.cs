using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Auth:Mode Unsecured: every request is the same local admin. Only reachable on loopback addresses unless
/// Auth:AllowUnsecuredOnNonLoopback is set (see <see cref="UnsecuredListenGuard"/>).
/// </summary>
internal sealed class UnsecuredAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Unsecured";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", "local-admin"), new Claim("name", "Local admin (unsecured)"), new Claim(DashboardClaims.Unsecured, "true")],
            SchemeName, "name", "groups");
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
