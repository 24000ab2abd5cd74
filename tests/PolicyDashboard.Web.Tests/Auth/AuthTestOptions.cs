using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>Builds <see cref="AuthOptions"/> from settings exactly as the host does (bind, then resolve the mode).</summary>
internal static class AuthTestOptions
{
    public static readonly Dictionary<string, string?> ValidOidc = new()
    {
        ["Kubernetes:Mode"] = "InCluster",
        ["Auth:Mode"] = "OpenIdConnect",
        ["Auth:OpenIdConnect:Authority"] = "https://idp.example.com/realms/ops",
        ["Auth:OpenIdConnect:ClientId"] = "policy-dashboard",
        ["Auth:OpenIdConnect:ClientSecret"] = "s3cret",
        ["Auth:AdminGroups:0"] = "cluster-admins",
        ["Auth:AuditorGroups:0"] = "auditors",
    };

    public static IConfiguration Configuration(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public static AuthOptions Bind(IConfiguration configuration)
    {
        var options = new AuthOptions();
        configuration.GetSection(AuthOptions.Section).Bind(options);
        options.EffectiveMode = AuthModeResolver.Resolve(configuration);
        return options;
    }

    public static AuthOptions Bind(IDictionary<string, string?> settings) => Bind(Configuration(settings));

    public static Dictionary<string, string?> With(this IDictionary<string, string?> settings, params (string Key, string? Value)[] changes)
    {
        var copy = new Dictionary<string, string?>(settings);
        foreach (var (k, v) in changes)
            if (v is null) copy.Remove(k);
            else copy[k] = v;
        return copy;
    }

    public static IOptionsMonitor<AuthOptions> Monitor(AuthOptions options) => new StaticMonitor(options);

    private sealed class StaticMonitor(AuthOptions value) : IOptionsMonitor<AuthOptions>
    {
        public AuthOptions CurrentValue => value;
        public AuthOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<AuthOptions, string?> listener) => null;
    }
}
