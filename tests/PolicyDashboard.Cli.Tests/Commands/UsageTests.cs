namespace PolicyDashboard.Cli.Tests.Commands;

/// <summary>Command-line mistakes: exit code 2, a message that names the option, a pointer to --help, no stack trace.</summary>
public sealed class UsageTests
{
    [Fact]
    public void Analyze_WithoutManifests_ExitsTwoNamingTheOption()
    {
        var run = CliRun.InProcess("analyze");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--manifests", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("policydash analyze --help", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Theory]
    [InlineData("0", "port 0 is out of range")]
    [InlineData("65536/TCP", "port 65536 is out of range")]
    [InlineData("80/ICMP", "'ICMP' is not a protocol")]
    [InlineData("80/TCP,x", "'x' is not a port number")]
    public void Analyze_BadPort_ExitsTwoWithTheReason(string port, string expected)
    {
        var run = CliRun.InProcess("analyze", "--manifests", CliRun.Guestbook, "--port", port);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Analyze_UnknownOutputFormat_ListsTheAllowedOnes()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--output", "xml");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--output: 'xml' is not supported (expected one of: table, json, csv, summary)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UnknownEngine_ListsTheAllowedOnes()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--engine", "quick");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("'quick' is not supported (expected one of: fast, reference)", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_PortsAndProbesTogether_IsRejected()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", "p.json", "--port", "80");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--port and --probes cannot be combined", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "busybox", "'busybox' is not an endpoint")]
    [InlineData("--to", "ip:10.0.0", "'ip:10.0.0' is not a valid IP endpoint")]
    [InlineData("--port", "70000", "port 70000 is out of range")]
    [InlineData("--protocol", "ICMP", "'ICMP' is not a protocol")]
    public void Explain_BadArgument_ExitsTwoNamingIt(string option, string value, string expected)
    {
        var args = new Dictionary<string, string>
        {
            ["--from"] = "default/busybox", ["--to"] = "default/frontend", ["--port"] = "80", ["--protocol"] = "TCP",
        };
        args[option] = value;
        var run = CliRun.InProcess(["explain", "-m", CliRun.Guestbook, .. args.SelectMany(p => new[] { p.Key, p.Value })]);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains($"{option}: {expected}", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Root_UnknownCommand_ExitsTwo()
    {
        var run = CliRun.InProcess("frobnicate");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("frobnicate", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeHelp_DocumentsPortCoverageAndExitCodes()
    {
        var analyze = CliRun.InProcess("analyze", "--help");
        Assert.Equal(ExitCodes.Ok, analyze.ExitCode);
        Assert.Contains("every port/protocol a pod serves", analyze.Stdout, StringComparison.Ordinal);
        Assert.Contains("every numeric port policies mention", analyze.Stdout, StringComparison.Ordinal);

        var root = CliRun.InProcess("--help");
        Assert.Equal(ExitCodes.Ok, root.ExitCode);
        Assert.Contains("Exit codes: 0", root.Stdout, StringComparison.Ordinal);
        foreach (var command in new[] { "analyze", "explain", "lint", "diff", "generate" })
            Assert.Contains(command, root.Stdout, StringComparison.Ordinal);
    }
}
