using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class AuthOptionsValidatorTests
{
    private static IReadOnlyList<string> Errors(IDictionary<string, string?> settings)
    {
        var configuration = AuthTestOptions.Configuration(settings);
        var result = new AuthOptionsValidator(configuration).Validate(null, AuthTestOptions.Bind(configuration));
        return result.Failed ? result.Failures.ToArray() : [];
    }

    [Fact]
    public void Validate_CompleteOpenIdConnectSettings_Succeeds()
    {
        Assert.Empty(Errors(AuthTestOptions.ValidOidc));
    }

    [Theory]
    [InlineData("InCluster")]
    [InlineData("Kubeconfig")]
    public void Validate_RealClusterWithoutAuthMode_FailsNamingAuthMode(string kubernetesMode)
    {
        var errors = Errors(new Dictionary<string, string?> { ["Kubernetes:Mode"] = kubernetesMode });

        var error = Assert.Single(errors);
        Assert.Contains("Auth:Mode", error);
        Assert.Contains(kubernetesMode, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Demo")]
    [InlineData("demo")]
    public void Resolve_DemoClusterWithoutAuthMode_IsUnsecured(string? kubernetesMode)
    {
        var options = AuthTestOptions.Bind(new Dictionary<string, string?> { ["Kubernetes:Mode"] = kubernetesMode });

        Assert.Equal(AuthMode.Unsecured, options.EffectiveMode);
        Assert.Empty(Errors(new Dictionary<string, string?> { ["Kubernetes:Mode"] = kubernetesMode }));
    }

    [Fact]
    public void Validate_UnknownAuthMode_FailsListingAllowedValues()
    {
        var error = Assert.Single(Errors(new Dictionary<string, string?> { ["Auth:Mode"] = "Basic" }));

        Assert.Contains("Auth:Mode is 'Basic'", error);
        Assert.Contains("OpenIdConnect", error);
        Assert.Contains("Unsecured", error);
    }

    [Theory]
    [InlineData("Auth:OpenIdConnect:Authority")]
    [InlineData("Auth:OpenIdConnect:ClientId")]
    [InlineData("Auth:OpenIdConnect:ClientSecret")]
    public void Validate_OpenIdConnectWithoutRequiredSetting_FailsNamingIt(string key)
    {
        var error = Assert.Single(Errors(AuthTestOptions.ValidOidc.With((key, null))));

        Assert.StartsWith(key, error);
    }

    [Fact]
    public void Validate_PlainHttpAuthorityOffLoopback_FailsNamingRequireHttpsMetadata()
    {
        var error = Assert.Single(Errors(AuthTestOptions.ValidOidc.With(("Auth:OpenIdConnect:Authority", "http://idp.example.com"))));

        Assert.Contains("Auth:OpenIdConnect:Authority", error);
        Assert.Contains("Auth:OpenIdConnect:RequireHttpsMetadata=false", error);
    }

    [Fact]
    public void Validate_PlainHttpAuthorityWithExplicitOptOut_Succeeds()
    {
        var settings = AuthTestOptions.ValidOidc.With(
            ("Auth:OpenIdConnect:Authority", "http://idp.example.com"), ("Auth:OpenIdConnect:RequireHttpsMetadata", "false"));

        Assert.Empty(Errors(settings));
    }

    [Theory]
    [InlineData("https://idp.example.com", true)]
    [InlineData("http://127.0.0.1:5555", false)]
    [InlineData("http://localhost:5555", false)]
    public void EffectiveRequireHttpsMetadata_Unset_IsFalseOnlyForLoopbackAuthority(string authority, bool expected)
    {
        var options = AuthTestOptions.Bind(AuthTestOptions.ValidOidc.With(("Auth:OpenIdConnect:Authority", authority)));

        Assert.Equal(expected, options.OpenIdConnect.EffectiveRequireHttpsMetadata);
    }

    [Fact]
    public void Validate_NoAdminAndNoAuditorGroups_FailsNamingBothKeys()
    {
        var error = Assert.Single(Errors(AuthTestOptions.ValidOidc.With(("Auth:AdminGroups:0", null), ("Auth:AuditorGroups:0", null))));

        Assert.Contains("Auth:AdminGroups", error);
        Assert.Contains("Auth:AuditorGroups", error);
    }

    [Fact]
    public void Validate_AuditorGroupsOnly_SucceedsAsReadOnlyInstall()
    {
        Assert.Empty(Errors(AuthTestOptions.ValidOidc.With(("Auth:AdminGroups:0", null))));
    }

    [Theory]
    [InlineData("00:05:01")]
    [InlineData("00:00:00")]
    public void Validate_RevalidationIntervalOutOfRange_FailsNamingKey(string interval)
    {
        var error = Assert.Single(Errors(AuthTestOptions.ValidOidc.With(("Auth:RevalidationInterval", interval))));

        Assert.StartsWith("Auth:RevalidationInterval", error);
    }

    [Theory]
    [InlineData("https://dashboard.example.com/app")]
    [InlineData("dashboard.example.com")]
    [InlineData("ftp://dashboard.example.com")]
    public void Validate_AllowedOriginNotAnOrigin_FailsNamingIndexedKey(string origin)
    {
        var error = Assert.Single(Errors(AuthTestOptions.ValidOidc.With(("Auth:AllowedOrigins:0", origin))));

        Assert.StartsWith("Auth:AllowedOrigins:0", error);
    }

    [Theory]
    [InlineData("Auth:OpenIdConnect:UsernameClaim", " ")]
    [InlineData("Auth:OpenIdConnect:UsernamePrefix", "system:oidc:")]
    [InlineData("Auth:OpenIdConnect:GroupsPrefix", "system:")]
    public void Validate_KubernetesUsernameSettingUnusable_FailsNamingIt(string key, string value)
    {
        var error = Assert.Single(Errors(AuthTestOptions.ValidOidc.With((key, value))));

        Assert.StartsWith(key, error);
    }

    [Fact]
    public void Bind_KubernetesUsernameSettings_DefaultToSubAndNoPrefix()
    {
        var oidc = AuthTestOptions.Bind(AuthTestOptions.ValidOidc).OpenIdConnect;

        Assert.Equal(("sub", "", ""), (oidc.UsernameClaim, oidc.UsernamePrefix, oidc.GroupsPrefix));
    }
}
