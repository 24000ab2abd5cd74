namespace PolicyDashboard.Web.Auth;

/// <summary>Settings under <c>Auth:*</c>. Validated at start by <see cref="AuthOptionsValidator"/>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// <c>Auth:Mode</c>. Unset means <see cref="AuthMode.Unsecured"/> only when <c>Kubernetes:Mode</c> is Demo
    /// (or unset); any real cluster needs an explicit choice (see <see cref="AuthModeResolver"/>).
    /// </summary>
    public string? Mode { get; set; }

    /// <summary>The mode in force, resolved from <c>Auth:Mode</c> and <c>Kubernetes:Mode</c>; null when none applies.</summary>
    public AuthMode? EffectiveMode { get; internal set; }

    /// <summary><c>Auth:OpenIdConnect:*</c>.</summary>
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();

    /// <summary><c>Auth:AdminGroups</c>: members of any of these groups may change the cluster.</summary>
    public string[] AdminGroups { get; set; } = [];

    /// <summary><c>Auth:AuditorGroups</c>: members of any of these groups see everything and change nothing.</summary>
    public string[] AuditorGroups { get; set; } = [];

    /// <summary>
    /// <c>Auth:AllowUnsecuredOnNonLoopback</c>: lets <see cref="AuthMode.Unsecured"/> listen on a non-loopback
    /// address, which makes everyone who can reach the port an admin of the cluster.
    /// </summary>
    public bool AllowUnsecuredOnNonLoopback { get; set; }

    /// <summary>
    /// <c>Auth:RevalidationInterval</c>: how often a session's groups are checked again at the IdP (open circuits
    /// and HTTP requests alike), so removal from a group takes effect without signing out. At most 5 minutes.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>Auth:SessionLifetime</c>: idle time after which the dashboard session ends (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// <c>Auth:AllowedOrigins</c>: origins (scheme://host[:port]) besides the app's own that may open the
    /// Blazor hub, e.g. the public URL when a proxy rewrites the Host header.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    internal const string MaxRevalidationText = "00:05:00";
    internal static readonly TimeSpan MaxRevalidationInterval = TimeSpan.FromMinutes(5);
}

/// <summary>Settings under <c>Auth:OpenIdConnect:*</c>.</summary>
public sealed class OpenIdConnectSettings
{
    /// <summary><c>Auth:OpenIdConnect:Authority</c>: the issuer URL (its discovery document is read from there).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary><c>Auth:OpenIdConnect:ClientSecret</c>: sent with client_secret_post; keep it in a Secret, not in files.</summary>
    public string? ClientSecret { get; set; }

    /// <summary><c>Auth:OpenIdConnect:Scopes</c>: requested scopes; openid is always added.</summary>
    public string[] Scopes { get; set; } = ["openid", "profile", "offline_access"];

    /// <summary><c>Auth:OpenIdConnect:GroupsClaim</c>: the claim that lists the user's groups.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary><c>Auth:OpenIdConnect:NameClaim</c>: the claim shown as the user's name.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>
    /// <c>Auth:OpenIdConnect:UsernameClaim</c>: the claim whose value is the user's Kubernetes username when the
    /// dashboard acts as the user (Kubernetes:Identity=Impersonate). Default <c>sub</c>, the API server's own default
    /// for <c>--oidc-username-claim</c>; choose what the cluster's OIDC authenticator uses so RBAC bindings match.
    /// </summary>
    public string UsernameClaim { get; set; } = "sub";

    /// <summary>
    /// <c>Auth:OpenIdConnect:UsernamePrefix</c> / <c>GroupsPrefix</c>: prepended to the username and to each group
    /// toward Kubernetes, as the cluster's <c>--oidc-username-prefix</c> / <c>--oidc-groups-prefix</c> do. Empty by default.
    /// </summary>
    public string UsernamePrefix { get; set; } = "";

    /// <inheritdoc cref="UsernamePrefix"/>
    public string GroupsPrefix { get; set; } = "";

    /// <summary>
    /// <c>Auth:OpenIdConnect:RequireHttpsMetadata</c>. Unset: true, except for an authority on a loopback address
    /// (a local test IdP). Setting it to false for any other authority is an explicit, logged choice.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    internal bool AuthorityIsLoopback =>
        Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback;

    internal bool EffectiveRequireHttpsMetadata => RequireHttpsMetadata ?? !AuthorityIsLoopback;
}
