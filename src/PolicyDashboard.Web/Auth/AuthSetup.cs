using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Sign-in, roles and session hygiene for the host: <see cref="AddDashboardAuth"/> (services and validated options),
/// <see cref="UseDashboardAuth"/> (middleware, early in the pipeline) and <see cref="MapDashboardAuthEndpoints"/>.
/// </summary>
public static class AuthSetup
{
    public const string LoginPath = "/auth/login";
    public const string LogoutPath = "/auth/logout";
    public const string NoAccessPath = "/auth/no-access";
    public const string SignedOutPath = "/auth/signed-out";
    public const string CookieName = "policydash.session";

    public static WebApplicationBuilder AddDashboardAuth(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var mode = AuthModeResolver.Resolve(configuration);

        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .PostConfigure(o => o.EffectiveMode = AuthModeResolver.Resolve(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        // A value the binder cannot read (Dashboard:ReadOnly=yes) stops the host at start, naming the key.
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();

        var sharedState = AddDataProtection(builder);

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddAntiforgery();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<RoleResolver>();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IMutationGuard, MutationGuard>();
        services.AddSingleton<OriginPolicy>();
        services.AddSingleton<SecurityHeaders>();
        services.AddHostedService<UnsecuredListenGuard>();
        services.AddActingAsUser();

        var reader = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().AddRequirements(new DashboardRoleRequirement(DashboardRole.Auditor)).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Reader, reader)
            .AddPolicy(DashboardPolicies.Admin, p => p.RequireAuthenticatedUser().AddRequirements(new DashboardRoleRequirement(DashboardRole.Admin)))
            .SetFallbackPolicy(reader);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, DashboardRoleHandler>();

        if (mode == AuthMode.OpenIdConnect) AddOpenIdConnect(services, sharedState);
        else
            // Unsecured, or no valid mode (start-up validation then stops the host with a message naming Auth:Mode).
            services.AddAuthentication(UnsecuredAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, UnsecuredAuthenticationHandler>(UnsecuredAuthenticationHandler.SchemeName, null);
        return builder;
    }

    /// <summary>
    /// The key ring in a Kubernetes Secret (<see cref="KubernetesSecretXmlRepository"/>) or a directory, per
    /// <c>DataProtection:Store</c>; returns whether it is in the cluster (sessions then are too).
    /// </summary>
    private static bool AddDataProtection(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DataProtectionSettings.Section);
        builder.Services.AddOptions<DataProtectionSettings>().Bind(section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DataProtectionSettings>, DataProtectionSettingsValidator>();
        var settings = section.Get<DataProtectionSettings>() ?? new();
        var mode = Enum.TryParse<KubernetesMode>(builder.Configuration["Kubernetes:Mode"], ignoreCase: true, out var m) ? m : KubernetesMode.Demo;
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("PolicyDashboard");
        // An unknown DataProtection:Store stops the host at start (validated above); until then a directory is used.
        if (settings.EffectiveStore(mode) == KeyRingStore.Secret)
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IStateStore>((o, store) =>
                o.XmlRepository = new KubernetesSecretXmlRepository(store, settings.SecretName));
            return true;
        }
        dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(settings.EffectiveKeyDirectory));
        return false;
    }

    /// <param name="sessionsInCluster">
    /// Sessions in the state namespace (<see cref="ClusterSessionCache"/>), readable by every replica and kept across
    /// restarts: with the key ring in the cluster. With a key directory, in this process's memory.
    /// </param>
    private static void AddOpenIdConnect(IServiceCollection services, bool sessionsInCluster)
    {
        if (sessionsInCluster)
        {
            services.AddSingleton<IDistributedCache, ClusterSessionCache>();
            services.AddHostedService<SessionCleanup>();
        }
        else
            services.AddDistributedMemoryCache();
        services.AddSingleton<ITicketStore, ServerSideTicketStore>();
        services.AddSingleton<SessionRevalidator>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect();

        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, ITicketStore, SessionRevalidator, TimeProvider>((o, auth, store, revalidator, time) =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = auth.Value.SessionLifetime;
                o.SlidingExpiration = true;
                o.LoginPath = LoginPath;
                o.LogoutPath = LogoutPath;
                o.AccessDeniedPath = NoAccessPath;
                // Only a random session key goes into the (encrypted) cookie; principal and tokens stay here.
                o.SessionStore = store;
                o.Events.OnSigningIn = ctx =>
                {
                    SessionRevalidator.MarkGroupsChecked(ctx.Properties, time.GetUtcNow());
                    return Task.CompletedTask;
                };
                o.Events.OnValidatePrincipal = async ctx =>
                {
                    if (ctx.Principal is null) return;
                    var (check, updated) = await revalidator.RevalidateAsync(ctx.Principal, ctx.Properties, ctx.HttpContext.RequestAborted);
                    if (check == SessionCheck.Updated)
                    {
                        ctx.ReplacePrincipal(updated!);
                        ctx.ShouldRenew = true;
                    }
                    else if (check == SessionCheck.Revoked)
                    {
                        ctx.RejectPrincipal();
                        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    if (IsApiOrHubRequest(ctx.Request)) ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    else ctx.Response.Redirect(ctx.RedirectUri);
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToLogin = ctx =>
                {
                    if (IsApiOrHubRequest(ctx.Request)) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else ctx.Response.Redirect(ctx.RedirectUri);
                    return Task.CompletedTask;
                };
            });

        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, ILoggerFactory>((o, auth, loggers) =>
            {
                var s = auth.Value.OpenIdConnect;
                o.Authority = s.Authority;
                o.ClientId = s.ClientId;
                o.ClientSecret = s.ClientSecret;
                o.RequireHttpsMetadata = s.EffectiveRequireHttpsMetadata;
                if (s.RequireHttpsMetadata == false && !s.AuthorityIsLoopback)
                    loggers.CreateLogger(typeof(AuthSetup)).LogWarning(
                        "Auth:OpenIdConnect:RequireHttpsMetadata is false for {Authority}: the IdP's metadata and keys travel unprotected",
                        s.Authority);
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.Scope.Clear();
                o.Scope.Add("openid");
                foreach (var scope in s.Scopes.Where(x => x != "openid")) o.Scope.Add(scope);
                // Tokens end up in the server-side session (see SessionStore above), never in the cookie.
                o.SaveTokens = true;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.ClaimActions.MapJsonKey(s.GroupsClaim, s.GroupsClaim);
                o.ClaimActions.MapUniqueJsonKey(s.NameClaim, s.NameClaim);
                o.ClaimActions.MapUniqueJsonKey("preferred_username", "preferred_username");
                if (s.UsernameClaim != "sub") o.ClaimActions.MapUniqueJsonKey(s.UsernameClaim, s.UsernameClaim);
                o.TokenValidationParameters.NameClaimType = s.NameClaim;
                o.TokenValidationParameters.RoleClaimType = s.GroupsClaim;
                o.SignedOutRedirectUri = SignedOutPath;
                o.Events.OnRedirectToIdentityProvider = ctx =>
                {
                    // API calls and the hub get 401 instead of a redirect to a login page they cannot show.
                    if (IsApiOrHubRequest(ctx.Request))
                    {
                        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        ctx.HandleResponse();
                    }
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = ctx =>
                {
                    loggers.CreateLogger(typeof(AuthSetup)).LogWarning(ctx.Failure, "Sign-in at the OpenID Connect provider failed");
                    ctx.Response.Redirect(SignedOutPath + "?failed=1");
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                };
            });
    }

    /// <summary>
    /// Forwarded headers (only from Auth-configured proxies), security headers, the hub's origin check, the
    /// Unsecured loopback guard, authentication, authorization and antiforgery, in that order. Call it before
    /// mapping endpoints; it replaces a separate <c>UseAntiforgery()</c>.
    /// </summary>
    public static WebApplication UseDashboardAuth(this WebApplication app)
    {
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        if (forwarded.Any)
        {
            var options = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            };
            // The defaults trust loopback; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in forwarded.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in forwarded.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            app.UseForwardedHeaders(options);
        }

        var headers = app.Services.GetRequiredService<SecurityHeaders>();
        var origins = app.Services.GetRequiredService<OriginPolicy>();
        var auth = app.Services.GetRequiredService<IOptionsMonitor<AuthOptions>>();
        app.Use(async (context, next) =>
        {
            headers.Apply(context);
            if (UnsecuredListenGuard.RejectNonLoopback(context, auth.CurrentValue))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Auth:Mode is Unsecured: this dashboard only serves loopback connections.");
                return;
            }
            if (context.Request.Path.StartsWithSegments(OriginPolicy.HubPath) && !origins.IsAllowed(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("Origin not allowed.");
                return;
            }
            await next(context);
        });

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (DashboardForbiddenException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear(); // also drops the headers set earlier: set the security headers again
                headers.Apply(context);
                await Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
            }
        });
        return app;
    }

    /// <summary><c>GET /auth/login?returnUrl=</c> and <c>POST /auth/logout</c> (antiforgery-protected form).</summary>
    public static IEndpointRouteBuilder MapDashboardAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, (HttpContext context, string? returnUrl, IOptions<AuthOptions> auth) =>
            {
                var target = IsLocalUrl(returnUrl) ? returnUrl! : "/";
                return auth.Value.EffectiveMode == AuthMode.OpenIdConnect
                    ? Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [OpenIdConnectDefaults.AuthenticationScheme])
                    : Results.LocalRedirect(target);
            })
            .AllowAnonymous().ExcludeFromDescription();

        endpoints.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, IOptions<AuthOptions> auth) =>
            {
                try
                {
                    await antiforgery.ValidateRequestAsync(context);
                }
                catch (AntiforgeryValidationException)
                {
                    return Results.BadRequest("The sign-out form is missing a valid antiforgery token.");
                }
                if (auth.Value.EffectiveMode != AuthMode.OpenIdConnect) return Results.LocalRedirect("/");
                // The IdP first (it reads the id_token from the session for its end-session request), then the
                // local session, which removes the server-side ticket and deletes the cookie.
                await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = SignedOutPath });
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.Empty;
            })
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    internal static bool IsApiOrHubRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(OriginPolicy.HubPath)
        || !request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
