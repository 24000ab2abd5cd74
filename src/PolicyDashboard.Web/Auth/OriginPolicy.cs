using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Cross-site WebSocket hijacking defence: browsers send the session cookie with a WebSocket handshake from any
/// site, and WebSockets are not subject to CORS. The Blazor hub therefore accepts only its own origin (after
/// forwarded headers) and Auth:AllowedOrigins. Requests without an Origin header are not from a foreign page
/// (browsers always send it cross-origin), so they pass.
/// </summary>
internal sealed class OriginPolicy(IOptionsMonitor<AuthOptions> options)
{
    public const string HubPath = "/_blazor";

    public bool IsAllowed(HttpRequest request)
    {
        if (!request.Headers.TryGetValue("Origin", out var values)) return true;
        var origin = values.ToString();
        if (!TryNormalize(origin, out var normalized)) return false;
        if (TryNormalize($"{request.Scheme}://{request.Host.Value}", out var own) && string.Equals(normalized, own, StringComparison.OrdinalIgnoreCase))
            return true;
        return options.CurrentValue.AllowedOrigins.Any(a => TryNormalize(a, out var allowed) && string.Equals(allowed, normalized, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>scheme://host[:port] with the scheme's default port left out, as browsers serialize an origin.</summary>
    public static bool TryNormalize(string? value, out string origin)
    {
        origin = "";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0) return false;
        origin = uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
        return true;
    }
}
