using System.Text.Json;

namespace PolicyDashboard.Cli.Tests.Commands;

public sealed class DiffTests
{
    private static readonly string[] WithoutPolicy =
        ["--before", CliRun.TestData("guestbook", "namespaces.yaml"), "--before", CliRun.TestData("guestbook", "pods.yaml")];

    [Theory]
    [InlineData("fast")]
    [InlineData("reference")]
    public void Diff_AddingAllowRedis_DeniesTheNineNonFrontendPairsPerPort(string engine)
    {
        var run = CliRun.InProcess([.. "diff".Split(' '), .. WithoutPolicy, "--after", CliRun.Guestbook, "-o", "json", "--engine", engine]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Empty(root.GetProperty("newlyAllowed").EnumerateArray());
        var denied = root.GetProperty("newlyDenied").EnumerateArray().ToArray();
        // Compared ports: those the destination serves (6379 for the redis pods). Into each of the 3 role: db pods,
        // the 3 non-frontend peers lose access: 9 pod pairs.
        Assert.All(denied, e => Assert.Equal(6379, e.GetProperty("port").GetInt32()));
        Assert.Equal(9, root.GetProperty("newlyDeniedPairs").GetInt32());
        Assert.Contains(denied, e => e.GetProperty("from").GetString() == "default/Pod/busybox" &&
                                     e.GetProperty("to").GetString() == "default/Deployment/redis-master" &&
                                     e.GetProperty("podPairs").GetInt32() == 1);
        Assert.DoesNotContain(denied, e => e.GetProperty("from").GetString() == "default/Deployment/frontend");
    }

    [Fact]
    public void Diff_RemovingAllowRedis_AllowsThemAgainInTable()
    {
        var run = CliRun.InProcess(["diff", "--before", CliRun.Guestbook, .. WithoutPolicy.Select(a => a == "--before" ? "--after" : a)]);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("9 pod pair connection(s) newly allowed, 0 newly denied.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ allowed", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_SameState_ReportsNoChange()
    {
        var run = CliRun.InProcess("diff", "--before", CliRun.Guestbook, "--after", CliRun.Guestbook);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("No connection changes.", run.Stdout.Trim());
    }

    [Fact]
    public void Diff_MissingAfter_IsAUsageError()
    {
        var run = CliRun.InProcess("diff", "--before", CliRun.Guestbook);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--after", run.Stderr, StringComparison.Ordinal);
    }
}
