using System.Text.Json;

namespace PolicyDashboard.Cli.Tests.Commands;

/// <summary>The built executable, run as its own process: exit codes and streams as a CI job sees them.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Process_AnalyzeProbesJson_PrintsOneResultPerProbe()
    {
        var run = await CliRun.AsProcessAsync("analyze", "--manifests", CliRun.Guestbook, "--probes", CliRun.TestData("guestbook-probes.json"), "--output", "json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var results = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(8, results.Length);
        Assert.False(results[0].GetProperty("allowed").GetBoolean());
        Assert.True(results[1].GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Process_Timings_GoToStderr()
    {
        var run = await CliRun.AsProcessAsync("analyze", "-m", CliRun.Guestbook, "-o", "summary", "--timings");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Matches(@"(?m)^timing load \d+ ms\r?$", run.Stderr);
        Assert.Matches(@"(?m)^timing compile \d+ ms\r?$", run.Stderr);
        Assert.Matches(@"(?m)^timing compute \d+ ms\r?$", run.Stderr);
        Assert.DoesNotContain("timing", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_UsageError_ExitsTwo()
    {
        var run = await CliRun.AsProcessAsync("analyze", "--manifests", CliRun.Guestbook, "--port", "0");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("port 0 is out of range", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }
}
