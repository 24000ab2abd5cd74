using System.Security.Claims;
using System.Text;
using k8s;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// The key ring and the sessions in the cluster: app instances against one API server the test started (Kubeconfig
/// mode, <c>DataProtection:Store</c> Secret) read what another instance wrote, one after the other (a restart) or side
/// by side (replicas).
/// </summary>
public sealed class SharedStateAcrossInstancesTests : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private Kubernetes _client = null!;
    private string _kubeconfig = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "demo" }, Ct);
        _kubeconfig = _sandbox.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"pd-shared-{Guid.NewGuid():N}.kubeconfig"));
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _sandbox.BaseAddress.ToString() });
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        File.Delete(_kubeconfig);
        await _sandbox.DisposeAsync();
    }

    private Dictionary<string, string?> Unsecured => new()
    {
        ["Kubernetes:Mode"] = "Kubeconfig",
        ["Kubernetes:KubeconfigPath"] = _kubeconfig,
        ["Auth:Mode"] = "Unsecured",
        ["Dashboard:StateNamespace"] = "kube-system",
        ["DataProtection:Store"] = "Secret",
    };

    private Dictionary<string, string?> OpenIdConnect => AuthTestOptions.ValidOidc.With(
        ("Kubernetes:Mode", "Kubeconfig"),
        ("Kubernetes:KubeconfigPath", _kubeconfig),
        ("Dashboard:StateNamespace", "kube-system"),
        ("DataProtection:Store", "Secret"));

    [Fact]
    public async Task KeyRing_SecretStore_WrittenToTheSecretAndReusedAfterARestart()
    {
        string protectedPayload;
        await using (var first = new AuthTestApp(Unsecured))
            protectedPayload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test.purpose").Protect("made by the first instance");
        var secret = await _client.CoreV1.ReadNamespacedSecretAsync(DataProtectionSettings.DefaultSecretName, "kube-system", cancellationToken: Ct);

        string readBack;
        await using (var second = new AuthTestApp(Unsecured))
            readBack = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test.purpose").Unprotect(protectedPayload);
        var after = await _client.CoreV1.ReadNamespacedSecretAsync(DataProtectionSettings.DefaultSecretName, "kube-system", cancellationToken: Ct);

        Assert.Equal("made by the first instance", readBack);
        var key = Assert.Single(secret.Data);
        Assert.StartsWith("key-", key.Key, StringComparison.Ordinal);
        Assert.Contains("<key ", Encoding.UTF8.GetString(key.Value), StringComparison.Ordinal);
        Assert.Equal(secret.Data.Keys, after.Data.Keys);
        Assert.DoesNotContain(_sandbox.Audit, e => e.Resource == "secrets" && e.Impersonated);
    }

    [Fact]
    public async Task AuthCookie_MadeByOneReplica_ReadByAnother()
    {
        await using var first = new AuthTestApp(OpenIdConnect);
        await using var second = new AuthTestApp(OpenIdConnect);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "ada")], "oidc")), CookieAuthenticationDefaults.AuthenticationScheme);

        var cookie = Format(first).Protect(ticket);
        var read = Format(second).Unprotect(cookie);

        Assert.Equal("ada", read?.Principal.FindFirst("sub")?.Value);
    }

    /// <summary>The cookie handler's ticket format, built as the cookie middleware builds it from the app's data protection.</summary>
    private static TicketDataFormat Format(AuthTestApp app) =>
        new(app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2"));

    [Fact]
    public async Task SessionTicket_StoredByOneReplica_FoundByAnotherAndRemovedForBoth()
    {
        await using var first = new AuthTestApp(OpenIdConnect);
        await using var second = new AuthTestApp(OpenIdConnect);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "ada"), new Claim("groups", "cluster-admins")], "oidc"));
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        properties.StoreTokens([new AuthenticationToken { Name = "refresh_token", Value = "REFRESH-TOKEN-VALUE" }]);

        var key = await first.Services.GetRequiredService<ITicketStore>().StoreAsync(new AuthenticationTicket(principal, properties, "Cookies"), Ct);
        var found = await second.Services.GetRequiredService<ITicketStore>().RetrieveAsync(key, Ct);
        var stored = Assert.Single((await _client.CoreV1.ListNamespacedConfigMapAsync("kube-system",
            labelSelector: "policy-dashboard.io/kind=session", cancellationToken: Ct)).Items);
        await second.Services.GetRequiredService<ITicketStore>().RemoveAsync(key, Ct);

        Assert.Equal("ada", found?.Principal.FindFirst("sub")?.Value);
        Assert.Equal("REFRESH-TOKEN-VALUE", found!.Properties.GetTokenValue("refresh_token"));
        Assert.DoesNotContain("REFRESH-TOKEN-VALUE", Encoding.UTF8.GetString(stored.BinaryData["value"]), StringComparison.Ordinal);
        Assert.DoesNotContain(key, stored.Metadata.Name, StringComparison.Ordinal);
        Assert.Null(await first.Services.GetRequiredService<ITicketStore>().RetrieveAsync(key, Ct));
    }
}
