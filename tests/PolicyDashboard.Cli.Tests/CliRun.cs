using System.Diagnostics;

namespace PolicyDashboard.Cli.Tests;

/// <summary>The outcome of one <c>policydash</c> run: exit code and everything written to stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Guestbook => TestData("guestbook");

    /// <summary>Runs the CLI in this process through the same entry method the executable uses.</summary>
    public static CliRun InProcess(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>policydash.dll</c> as a child process (<c>dotnet policydash.dll …</c>).</summary>
    public static async Task<CliRun> AsProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "policydash.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>No line of either stream looks like a .NET stack frame.</summary>
    public void AssertNoStackTrace()
    {
        Assert.DoesNotContain("   at ", Stdout + Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", Stdout + Stderr, StringComparison.Ordinal);
    }
}
