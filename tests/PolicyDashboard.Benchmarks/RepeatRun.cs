using System.Diagnostics;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>
/// Builds one size over and over and prints the thread and process CPU time of each build: a steady load for a
/// sampling profiler (<c>perf record</c>), and the spread of many builds rather than five.
/// </summary>
public static class RepeatRun
{
    public static void Run(string size, int count)
    {
        var name = size switch { "large" => Scenario.Large, "medium" => Scenario.Medium, _ => Scenario.Small };
        var snapshot = Scenario.Snapshot(name);
        var cpu = new List<double>();
        var process = new List<double>();
        var wall = new List<double>();
        var me = Process.GetCurrentProcess();
        for (var i = 0; i < count; i++)
        {
            me.Refresh();
            var p0 = me.TotalProcessorTime.TotalMilliseconds;
            var sw = Stopwatch.StartNew();
            var c0 = CpuClock.ThreadMilliseconds();
            FastReachability.Build(snapshot);
            cpu.Add(CpuClock.ThreadMilliseconds() - c0);
            wall.Add(sw.Elapsed.TotalMilliseconds);
            me.Refresh();
            process.Add(me.TotalProcessorTime.TotalMilliseconds - p0);
        }
        static string Spread(List<double> xs)
        {
            var s = xs.Skip(xs.Count > 3 ? 2 : 0).Order().ToList(); // the first builds pay JIT
            return $"median {s[s.Count / 2]:F1} ms, min {s[0]:F1} ms, max {s[^1]:F1} ms";
        }
        Console.WriteLine($"{name}: {count} builds; thread CPU {Spread(cpu)}; process CPU {Spread(process)}; wall {Spread(wall)}");
    }
}
