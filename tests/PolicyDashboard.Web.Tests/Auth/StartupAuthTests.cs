using System.Net;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>What the host refuses to start with, and what Demo mode defaults to.</summary>
public sealed class StartupAuthTests
{
    [Fact]
    public void Start_UnsecuredOnNonLoopbackAddress_FailsNamingTheSwitch()
    {
        var e = Assert.ThrowsAny<Exception>(() =>
            new AuthTestApp(new Dictionary<string, string?> { ["Auth:Mode"] = "Unsecured" }, IPAddress.Any));

        Assert.Contains("Auth:AllowUnsecuredOnNonLoopback", e.ToString());
    }

    [Fact]
    public async Task Start_UnsecuredOnNonLoopbackWithSwitch_Serves()
    {
        using var app = new AuthTestApp(
            new Dictionary<string, string?> { ["Auth:Mode"] = "Unsecured", ["Auth:AllowUnsecuredOnNonLoopback"] = "true" }, IPAddress.Any);
        using var http = new HttpClient();

        var html = await http.GetStringAsync(new Uri(app.BaseAddress, "/account"), TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"account-unsecured\"", html);
    }

    [Theory]
    [InlineData("InCluster")]
    [InlineData("Kubeconfig")]
    public void Start_RealClusterWithoutAuthMode_FailsNamingAuthMode(string kubernetesMode)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"policydash-auth-{Guid.NewGuid():N}.kubeconfig");
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{ name: c, cluster: { server: "http://127.0.0.1:1" } }]
            users: [{ name: u, user: {} }]
            contexts: [{ name: x, context: { cluster: c, user: u } }]
            current-context: x
            """);
        try
        {
            var e = Assert.ThrowsAny<Exception>(() => new AuthTestApp(new Dictionary<string, string?>
            {
                ["Kubernetes:Mode"] = kubernetesMode,
                ["Kubernetes:Kubeconfig"] = kubeconfig,
                ["KUBECONFIG"] = kubeconfig,
            }));

            Assert.Contains("Auth:Mode is not set", e.ToString());
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task Start_DemoWithoutAuthMode_IsUnsecuredLocalAdminOnLoopback()
    {
        using var app = new AuthTestApp();
        using var http = new HttpClient();

        var html = await http.GetStringAsync(new Uri(app.BaseAddress, "/account"), TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"account-unsecured\"", html);
        Assert.Matches("data-testid=\"account-role\"[^>]*>Admin<", html);
    }
}
