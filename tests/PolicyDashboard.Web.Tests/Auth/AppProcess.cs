using System.Diagnostics;
using System.Text;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// Runs the built dashboard (PolicyDashboard.Web.dll next to the tests) as its own process with the given
/// environment, for start-up failures: Program reports them on the console and exits non-zero, which an in-process
/// WebApplicationFactory cannot observe.
/// </summary>
internal static class AppProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan timeout)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, "PolicyDashboard.Web.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) start.Environment[k] = v;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            lock (output) return new Result(-1, "still running after " + timeout + ":\n" + output);
        }
        lock (output) return new Result(process.ExitCode, output.ToString());
    }
}
