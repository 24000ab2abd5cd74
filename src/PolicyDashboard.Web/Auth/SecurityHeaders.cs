using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Response headers that limit what a page of the dashboard can be made to do. The Content-Security-Policy fits
/// Blazor Server and MudBlazor: scripts only from the app itself, styles also inline (MudBlazor sets style
/// attributes), the circuit's WebSocket back to the same host, workers from blob: (code editors), no framing.
/// form-action also names the IdP: the sign-out form is answered with a redirect to its end-session endpoint.
/// The one inline script, Blazor's import map, is allowed by its hash (it is endpoint metadata, known up front).
/// </summary>
internal sealed class SecurityHeaders(IOptionsMonitor<AuthOptions> options, IHostEnvironment environment)
{
    public void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var request = context.Request;
        var host = request.Host.Value;
        var formAction = "'self'";
        var auth = options.CurrentValue;
        if (auth.EffectiveMode == AuthMode.OpenIdConnect && OriginPolicy.TryNormalize(AuthorityOrigin(auth.OpenIdConnect.Authority), out var idp))
            formAction += " " + idp;

        headers.ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            "base-uri 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            $"form-action {formAction}",
            $"script-src 'self'{ImportMapHash(context)}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            $"connect-src 'self' ws://{host} wss://{host}",
            "worker-src 'self' blob:");
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        if (request.IsHttps && !environment.IsDevelopment())
            headers.StrictTransportSecurity = "max-age=31536000";
    }

    private readonly ConditionalWeakTable<ImportMapDefinition, string> _importMapHashes = new();

    private string ImportMapHash(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>() is not { } importMap) return "";
        return _importMapHashes.GetValue(importMap, map =>
            $" 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(map.ToString())))}'");
    }

    private static string? AuthorityOrigin(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
