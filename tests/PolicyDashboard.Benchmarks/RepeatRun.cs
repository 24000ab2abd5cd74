using System.Diagnostics;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>
/// Builds one size over and over and prints the thread and process CPU time of each build: a steady load for a
/// sampling profiler (<c>perf record</c>), and the spread of many builds rather than five, after a <see cref="WarmUp"/>.
/// </summary>
public static class RepeatRun
{
    public static void Run(string size, int count)
    {
        var name = size switch { "large" => Scenario.Large, "medium" => Scenario.Medium, _ => Scenario.Small };
        var snapshot = Scenario.Snapshot(name);
        var warmUps = WarmUp.Builds(snapshot);

        var cpu = new List<double>();
        var process = new List<double>();
        var wall = new List<double>();
        var me = Process.GetCurrentProcess();
        long allocated = 0;
        int gen0 = 0, gen1 = 0, gen2 = 0;
        for (var i = 0; i < count; i++)
        {
            me.Refresh();
            var p0 = me.TotalProcessorTime.TotalMilliseconds;
            var sw = Stopwatch.StartNew();
            var c0 = CpuClock.ThreadMilliseconds();
            var (a0, g0, g1, g2) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            FastReachability.Build(snapshot);
            (allocated, gen0, gen1, gen2) = (allocated + GC.GetTotalAllocatedBytes() - a0, gen0 + GC.CollectionCount(0) - g0, gen1 + GC.CollectionCount(1) - g1, gen2 + GC.CollectionCount(2) - g2);
            cpu.Add(CpuClock.ThreadMilliseconds() - c0);
            wall.Add(sw.Elapsed.TotalMilliseconds);
            me.Refresh();
            process.Add(me.TotalProcessorTime.TotalMilliseconds - p0);
        }
        static string Spread(List<double> xs)
        {
            var s = xs.Order().ToList();
            return $"median {s[s.Count / 2]:F1} ms, min {s[0]:F1} ms, max {s[^1]:F1} ms";
        }
        Console.WriteLine($"{name}: {warmUps} warm-up builds, then {count} measured; thread CPU {Spread(cpu)}; process CPU {Spread(process)}; wall {Spread(wall)}; " +
            $"allocated {allocated / count / 1048576.0:F1} MB per build; collections per build gen0 {gen0 / (double)count:F2}, gen1 {gen1 / (double)count:F2}, gen2 {gen2 / (double)count:F2}");
    }
}
