using System.Net;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>What the host refuses to start with, and what Demo mode defaults to.</summary>
public sealed class StartupAuthTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Start_UnsecuredOnNonLoopbackAddress_ExitsNamingTheSwitch()
    {
        var result = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://0.0.0.0:0",
            ["Auth__Mode"] = "Unsecured",
        }, ExitTimeout);

        Assert.True(result.ExitCode > 0, result.Output);
        Assert.Contains("Auth:AllowUnsecuredOnNonLoopback", result.Output);
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
    public async Task Start_RealClusterWithoutAuthMode_ExitsNamingAuthMode(string kubernetesMode)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"policydash-auth-{Guid.NewGuid():N}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{ name: c, cluster: { server: "http://127.0.0.1:1" } }]
            users: [{ name: u, user: {} }]
            contexts: [{ name: x, context: { cluster: c, user: u } }]
            current-context: x
            """, TestContext.Current.CancellationToken);
        try
        {
            var result = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Kubernetes__Mode"] = kubernetesMode,
                ["KUBECONFIG"] = kubeconfig,
                ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
                ["KUBERNETES_SERVICE_PORT"] = "1",
            }, ExitTimeout);

            Assert.True(result.ExitCode > 0, result.Output);
            Assert.Contains("Auth:Mode is not set", result.Output);
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
