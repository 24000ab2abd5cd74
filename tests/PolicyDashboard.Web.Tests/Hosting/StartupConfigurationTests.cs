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
}
