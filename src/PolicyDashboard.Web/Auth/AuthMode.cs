namespace PolicyDashboard.Web.Auth;

/// <summary><c>Auth:Mode</c>: how people are identified.</summary>
public enum AuthMode
{
    /// <summary>Sign-in through an OpenID Connect provider (code flow with PKCE); roles from its group claim.</summary>
    OpenIdConnect,

    /// <summary>No sign-in: every visitor is a local admin. Only for loopback use, chosen explicitly.</summary>
    Unsecured,
}
