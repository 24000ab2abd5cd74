using System.Diagnostics;
using System.Globalization;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>
/// Unmeasured builds before the measured ones, as BenchmarkDotNet's warm-up does: for the first few seconds the
/// runtime is still compiling the build's code (tiered JIT: quick code first, optimised code after about thirty calls
/// and on hot loops), and builds in that time measure the compiler rather than the engine. <c>WARMUP_SECONDS</c>
/// changes how long (default 5; 0 measures from the first build).
/// </summary>
public static class WarmUp
{
    public static int Builds(ClusterSnapshot snapshot)
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("WARMUP_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 5;
        if (seconds <= 0) return 0;
        var count = 0;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed.TotalSeconds < seconds || count < 3; count++)
            FastReachability.Build(snapshot);
        return count;
    }
}
