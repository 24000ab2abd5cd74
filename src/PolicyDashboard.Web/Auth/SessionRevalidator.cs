using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>Result of <see cref="SessionRevalidator.RevalidateAsync"/>.</summary>
internal enum SessionCheck
{
    /// <summary>Nothing was due; the session is unchanged.</summary>
    Unchanged,

    /// <summary>Tokens and/or groups were refreshed from the IdP: use the returned principal and properties.</summary>
    Updated,

    /// <summary>The IdP no longer vouches for the session (refresh refused, or groups unconfirmed too long): end it.</summary>
    Revoked,
}

/// <summary>
/// Keeps a server-side session honest: refreshes the access token with the refresh token shortly before it expires,
/// and asks the IdP's userinfo endpoint for the current groups every Auth:RevalidationInterval, so a person removed
/// from an admin group loses write access without signing out. Used by the cookie's per-request validation and by
/// the circuit's authentication state provider alike.
/// </summary>
internal sealed partial class SessionRevalidator(
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptionsMonitor<AuthOptions> authOptions,
    TimeProvider time,
    ILogger<SessionRevalidator> logger)
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(60);

    public bool IsDue(AuthenticationProperties properties)
    {
        var now = time.GetUtcNow();
        return now - GroupsCheckedAt(properties) >= authOptions.CurrentValue.RevalidationInterval
               || AccessTokenExpiresAt(properties) - now <= RefreshAhead;
    }

    public static void MarkGroupsChecked(AuthenticationProperties properties, DateTimeOffset at) =>
        properties.Items[DashboardClaims.GroupsCheckedAtItem] = at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks the session when due. On <see cref="SessionCheck.Updated"/>, <paramref name="properties"/> has been
    /// updated in place (tokens, check time) and <paramref name="updated"/> holds the principal with current groups.
    /// </summary>
    public async Task<(SessionCheck Check, ClaimsPrincipal? Updated)> RevalidateAsync(
        ClaimsPrincipal principal, AuthenticationProperties properties, CancellationToken cancellationToken)
    {
        if (!IsDue(properties)) return (SessionCheck.Unchanged, null);
        var auth = authOptions.CurrentValue;
        var subject = principal.FindFirst("sub")?.Value ?? "?";
        try
        {
            var oidc = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var now = time.GetUtcNow();

            var accessToken = properties.GetTokenValue("access_token");
            if (accessToken is null || AccessTokenExpiresAt(properties) - now <= RefreshAhead)
            {
                var refreshed = await RefreshAsync(oidc, configuration.TokenEndpoint, properties, cancellationToken);
                if (refreshed is null)
                {
                    LogRevoked(subject, "the refresh token was refused or is missing");
                    return (SessionCheck.Revoked, null);
                }
                accessToken = refreshed;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await oidc.Backchannel.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode is 401 or 403)
            {
                LogRevoked(subject, $"userinfo answered {(int)response.StatusCode}");
                return (SessionCheck.Revoked, null);
            }
            response.EnsureSuccessStatusCode();
            using var userInfo = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var updated = WithCurrentClaims(principal, userInfo.RootElement, auth.OpenIdConnect);
            MarkGroupsChecked(properties, time.GetUtcNow());
            return (SessionCheck.Updated, updated);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException
                                  && !cancellationToken.IsCancellationRequested)
        {
            // The IdP is unreachable or answered nonsense. Groups confirmed within the longest allowed interval
            // still count; beyond that the session can no longer be vouched for.
            var age = time.GetUtcNow() - GroupsCheckedAt(properties);
            LogUnavailable(e, subject, age);
            return age < AuthOptions.MaxRevalidationInterval ? (SessionCheck.Unchanged, null) : (SessionCheck.Revoked, null);
        }
    }

    /// <summary>Uses the refresh token; on success stores the new tokens in <paramref name="properties"/>.</summary>
    private async Task<string?> RefreshAsync(OpenIdConnectOptions oidc, string tokenEndpoint, AuthenticationProperties properties, CancellationToken ct)
    {
        var refreshToken = properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken)) return null;
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = oidc.ClientId!,
                ["client_secret"] = oidc.ClientSecret!,
            }),
        };
        using var response = await oidc.Backchannel.SendAsync(request, ct);
        if ((int)response.StatusCode is 400 or 401) return null;
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var root = body.RootElement;
        var accessToken = root.GetProperty("access_token").GetString() ?? throw new JsonException("no access_token");

        var tokens = properties.GetTokens().ToDictionary(t => t.Name, t => t.Value, StringComparer.Ordinal);
        tokens["access_token"] = accessToken;
        // Refresh tokens may rotate; keep the old one only when the IdP did not send a new one.
        if (root.TryGetProperty("refresh_token", out var rt) && rt.GetString() is { Length: > 0 } newRefresh) tokens["refresh_token"] = newRefresh;
        if (root.TryGetProperty("id_token", out var it) && it.GetString() is { Length: > 0 } idToken) tokens["id_token"] = idToken;
        if (root.TryGetProperty("expires_in", out var ei) && ei.TryGetInt32(out var seconds))
            tokens["expires_at"] = time.GetUtcNow().AddSeconds(seconds).ToString("o", CultureInfo.InvariantCulture);
        properties.StoreTokens(tokens.Select(t => new AuthenticationToken { Name = t.Key, Value = t.Value }));
        LogRefreshed(root.TryGetProperty("expires_in", out var e) ? e.ToString() : "?");
        return accessToken;
    }

    private static ClaimsPrincipal WithCurrentClaims(ClaimsPrincipal principal, JsonElement userInfo, OpenIdConnectSettings settings)
    {
        var source = principal.Identity as ClaimsIdentity ?? new ClaimsIdentity();
        var identity = new ClaimsIdentity(source.AuthenticationType, source.NameClaimType, source.RoleClaimType);
        foreach (var claim in source.Claims)
            if (claim.Type != settings.GroupsClaim && claim.Type != settings.NameClaim)
                identity.AddClaim(claim);
        if (userInfo.TryGetProperty(settings.GroupsClaim, out var groups))
        {
            if (groups.ValueKind == JsonValueKind.Array)
            {
                foreach (var g in groups.EnumerateArray())
                    if (g.ValueKind == JsonValueKind.String) identity.AddClaim(new Claim(settings.GroupsClaim, g.GetString()!));
            }
            else if (groups.ValueKind == JsonValueKind.String)
                identity.AddClaim(new Claim(settings.GroupsClaim, groups.GetString()!));
        }
        if (userInfo.TryGetProperty(settings.NameClaim, out var name) && name.ValueKind == JsonValueKind.String)
            identity.AddClaim(new Claim(settings.NameClaim, name.GetString()!));
        else if (source.FindFirst(settings.NameClaim) is { } oldName)
            identity.AddClaim(oldName);
        return new ClaimsPrincipal(identity);
    }

    private static DateTimeOffset GroupsCheckedAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(DashboardClaims.GroupsCheckedAtItem, out var v)
        && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : DateTimeOffset.MinValue;

    private static DateTimeOffset AccessTokenExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : DateTimeOffset.MaxValue;

    [LoggerMessage(EventId = 6111, Level = LogLevel.Information, Message = "Session of {Subject} ended: {Reason}")]
    private partial void LogRevoked(string subject, string reason);

    [LoggerMessage(EventId = 6112, Level = LogLevel.Warning,
        Message = "Could not revalidate the session of {Subject} at the IdP; groups last confirmed {Age} ago")]
    private partial void LogUnavailable(Exception exception, string subject, TimeSpan age);

    [LoggerMessage(EventId = 6113, Level = LogLevel.Debug, Message = "Access token refreshed (expires in {ExpiresIn} s)")]
    private partial void LogRefreshed(string expiresIn);
}
