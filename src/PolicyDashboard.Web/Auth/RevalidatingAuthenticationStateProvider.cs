using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// A circuit lives on one WebSocket, so the cookie's per-request validation never runs again while it is open. This
/// provider re-checks the server-side session every Auth:RevalidationInterval and pushes the result into the circuit:
/// new groups (a demoted admin becomes an auditor at once), or an anonymous user when the session has ended.
/// Framework's RevalidatingServerAuthenticationStateProvider can only keep or drop a user, hence this one.
/// </summary>
internal sealed partial class RevalidatingAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly ITicketStore _store;
    private readonly SessionRevalidator _revalidator;
    private readonly IOptionsMonitor<AuthOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RevalidatingAuthenticationStateProvider> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public RevalidatingAuthenticationStateProvider(
        ITicketStore store,
        SessionRevalidator revalidator,
        IOptionsMonitor<AuthOptions> options,
        TimeProvider time,
        ILogger<RevalidatingAuthenticationStateProvider> logger)
    {
        _store = store;
        _revalidator = revalidator;
        _options = options;
        _time = time;
        _logger = logger;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        if (_loop is null && !_stop.IsCancellationRequested) _loop = RunAsync(state);
    }

    private async Task RunAsync(Task<AuthenticationState> initial)
    {
        try
        {
            var first = await initial;
            if (first.User.FindFirst(DashboardClaims.SessionKey)?.Value is not { } sessionKey) return;
            using var timer = new PeriodicTimer(_options.CurrentValue.RevalidationInterval, _time);
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (!await RevalidateOnceAsync(sessionKey)) return;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Never let revalidation fail open: an error ends the circuit's access.
            LogFailed(e);
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        }
    }

    /// <summary>One check; false once the circuit's user has become anonymous (nothing more to revalidate).</summary>
    private async Task<bool> RevalidateOnceAsync(string sessionKey)
    {
        var ticket = await _store.RetrieveAsync(sessionKey);
        if (ticket is null)
        {
            LogEnded();
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
            return false;
        }
        var (check, principal) = await _revalidator.RevalidateAsync(ticket.Principal, ticket.Properties, _stop.Token);
        switch (check)
        {
            case SessionCheck.Updated:
                await _store.RenewAsync(sessionKey, new AuthenticationTicket(principal!, ticket.Properties, ticket.AuthenticationScheme));
                SetAuthenticationState(Task.FromResult(new AuthenticationState(principal!)));
                return true;
            case SessionCheck.Revoked:
                await _store.RemoveAsync(sessionKey);
                SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
                return false;
            default:
                return true;
        }
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        // Cancelled, not disposed: the loop may still be reading the token as it winds down.
        _stop.Cancel();
    }

    [LoggerMessage(EventId = 6121, Level = LogLevel.Information, Message = "Circuit session ended elsewhere (signed out or expired)")]
    private partial void LogEnded();

    [LoggerMessage(EventId = 6122, Level = LogLevel.Error, Message = "Circuit session revalidation failed; the circuit's user is now anonymous")]
    private partial void LogFailed(Exception exception);
}
