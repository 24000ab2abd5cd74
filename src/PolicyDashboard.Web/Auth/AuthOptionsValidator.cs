using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>Start-up validation of <c>Auth:*</c>; every message names the key and what is allowed.</summary>
public sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.EffectiveMode is null)
            errors.Add(AuthModeResolver.MissingModeMessage(configuration));
        if (options.EffectiveMode == AuthMode.OpenIdConnect)
            ValidateOpenIdConnect(options, errors);

        if (options.RevalidationInterval < TimeSpan.FromSeconds(1) || options.RevalidationInterval > AuthOptions.MaxRevalidationInterval)
            errors.Add($"Auth:RevalidationInterval is {options.RevalidationInterval}; it must be between 00:00:01 and " +
                       $"{AuthOptions.MaxRevalidationText} (a user removed from a group must lose access within 5 minutes).");
        if (options.SessionLifetime < TimeSpan.FromMinutes(1))
            errors.Add($"Auth:SessionLifetime is {options.SessionLifetime}; it must be at least 00:01:00.");
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!OriginPolicy.TryNormalize(origin, out _))
                errors.Add($"Auth:AllowedOrigins:{i} is '{origin}'; it must be an origin like https://dashboard.example.com (scheme, host, optional port, no path).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateOpenIdConnect(AuthOptions options, List<string> errors)
    {
        var oidc = options.OpenIdConnect;
        const string mode = "when Auth:Mode is OpenIdConnect";
        if (string.IsNullOrWhiteSpace(oidc.Authority))
            errors.Add($"Auth:OpenIdConnect:Authority is required {mode} (the issuer URL of your OpenID Connect provider).");
        else if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            errors.Add($"Auth:OpenIdConnect:Authority is '{oidc.Authority}'; it must be an absolute https URL.");
        else if (authority.Scheme == "http" && oidc.EffectiveRequireHttpsMetadata)
            errors.Add($"Auth:OpenIdConnect:Authority '{oidc.Authority}' is not https. Use https; plain http is only accepted for a " +
                       "loopback authority, or with Auth:OpenIdConnect:RequireHttpsMetadata=false set explicitly.");
        if (string.IsNullOrWhiteSpace(oidc.ClientId))
            errors.Add($"Auth:OpenIdConnect:ClientId is required {mode}.");
        if (string.IsNullOrWhiteSpace(oidc.ClientSecret))
            errors.Add($"Auth:OpenIdConnect:ClientSecret is required {mode} (the client authenticates with client_secret_post).");
        if (string.IsNullOrWhiteSpace(oidc.GroupsClaim))
            errors.Add("Auth:OpenIdConnect:GroupsClaim must not be empty (default: groups).");
        if (string.IsNullOrWhiteSpace(oidc.NameClaim))
            errors.Add("Auth:OpenIdConnect:NameClaim must not be empty (default: name).");
        if (string.IsNullOrWhiteSpace(oidc.UsernameClaim))
            errors.Add("Auth:OpenIdConnect:UsernameClaim must not be empty (default: sub); its value is the user's Kubernetes username.");
        // Names beginning with system: are reserved for Kubernetes components; the API server refuses them from OIDC.
        if (oidc.UsernamePrefix.StartsWith("system:", StringComparison.Ordinal))
            errors.Add($"Auth:OpenIdConnect:UsernamePrefix is '{oidc.UsernamePrefix}'; it must not begin with system: (reserved by Kubernetes).");
        if (oidc.GroupsPrefix.StartsWith("system:", StringComparison.Ordinal))
            errors.Add($"Auth:OpenIdConnect:GroupsPrefix is '{oidc.GroupsPrefix}'; it must not begin with system: (reserved by Kubernetes).");
        if (oidc.Scopes.Any(string.IsNullOrWhiteSpace))
            errors.Add("Auth:OpenIdConnect:Scopes contains an empty entry.");

        if (options.AdminGroups.Length == 0 && options.AuditorGroups.Length == 0)
            errors.Add($"Auth:AdminGroups and Auth:AuditorGroups are both empty {mode}: nobody could use the dashboard. " +
                       "List at least one group (an install without admins is read-only, which is allowed).");
        if (options.AdminGroups.Any(string.IsNullOrWhiteSpace))
            errors.Add("Auth:AdminGroups contains an empty group name.");
        if (options.AuditorGroups.Any(string.IsNullOrWhiteSpace))
            errors.Add("Auth:AuditorGroups contains an empty group name.");
    }
}
