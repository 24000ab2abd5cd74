using PolicyDashboard.Web.Tests.Auth;

namespace PolicyDashboard.Web.Tests.Hosting;

/// <summary>Bad configuration stops the app at start with a message naming the key, never a stack trace.</summary>
public sealed class StartupConfigurationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("Kubernetes__Mode", "Sideways", "Kubernetes:Mode")]
    [InlineData("Demo__Scenario", "bogus", "Demo:Scenario")]
    [InlineData("Demo__ApiPort", "70000", "Demo:ApiPort")]
    [InlineData("Dashboard__ReadOnly", "yes", "Dashboard:ReadOnly")]
    [InlineData("Kubernetes__Identity", "Nobody", "Kubernetes:Identity")]
    public async Task Start_InvalidSetting_ExitsWithTwoNamingTheKey(string variable, string value, string key)
    {
        var result = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            [variable] = value,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, Timeout);

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Contains(key, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InClusterWithoutServiceAccountFiles_ExitsWithTwoNamingTheDirectoryKey()
    {
        var missing = Path.Combine(Path.GetTempPath(), "policydash-no-serviceaccount-" + Guid.NewGuid().ToString("N"));
        var result = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Kubernetes__Mode"] = "InCluster",
            ["Kubernetes__ServiceAccountDirectory"] = missing,
            ["KUBERNETES_SERVICE_HOST"] = "127.0.0.1",
            ["KUBERNETES_SERVICE_PORT"] = "6443",
            ["Auth__Mode"] = "Unsecured",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, Timeout);

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Contains("Kubernetes:ServiceAccountDirectory", result.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(missing, "token"), result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InClusterWithoutAuthModeOrServiceAccount_ExitsWithTwoNamingBothKeys()
    {
        // Two option sections fail together: both are reported, still without a stack trace.
        var result = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["Kubernetes__Mode"] = "InCluster",
            ["Kubernetes__ServiceAccountDirectory"] = Path.Combine(Path.GetTempPath(), "policydash-no-serviceaccount-" + Guid.NewGuid().ToString("N")),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, Timeout);

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}:\n{result.Output}");
        Assert.Contains("Auth:Mode", result.Output, StringComparison.Ordinal);
        Assert.Contains("Kubernetes:ServiceAccountDirectory", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
