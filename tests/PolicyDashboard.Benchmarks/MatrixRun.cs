using System.Diagnostics;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Reachability.Matrix;

namespace PolicyDashboard.Benchmarks;

/// <summary>The matrix page's server-side work: class answers for any port (cold), a namespace-level view, a drill-down.</summary>
public static class MatrixRun
{
    public static void Run(ClusterSnapshot snapshot)
    {
        var reachability = FastReachability.Build(snapshot);
        var ports = RepresentativePorts.Of(snapshot);
        Console.WriteLine($"matrix: {ports.Count} representative ports (every port = each of them), {reachability.Partition.ClassCount} classes");
        foreach (var (label, query) in new[]
                 {
                     ("namespaces, any port", MatrixQuery.Namespaces),
                     ("namespaces, 80/TCP", MatrixQuery.Namespaces with { Port = new PortFilter(Protocol.TCP, 80) }),
                 })
        {
            var result = new ReachabilityResult(reachability);
            var sw = Stopwatch.StartNew();
            var c0 = CpuClock.ThreadMilliseconds();
            var view = MatrixBuilder.Build(result, query);
            var cold = (Wall: sw.Elapsed.TotalMilliseconds, Cpu: CpuClock.ThreadMilliseconds() - c0);
            var warm = new List<double>();
            var warmCpu = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                sw.Restart();
                var c1 = CpuClock.ThreadMilliseconds();
                MatrixBuilder.Build(result, query);
                warmCpu.Add(CpuClock.ThreadMilliseconds() - c1);
                warm.Add(sw.Elapsed.TotalMilliseconds);
            }
            warm.Sort();
            warmCpu.Sort();
            var ns = view.Rows.First(r => r.Kind == HeaderKind.Namespace).Drill!;
            var drills = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                sw.Restart();
                MatrixBuilder.Build(result, query with { Sources = ns });
                drills.Add(sw.Elapsed.TotalMilliseconds);
            }
            drills.Sort();
            Console.WriteLine($"matrix {label}: {view.Rows.Count} × {view.Columns.Count}; first build (class answers, ports on all cores) wall {cold.Wall:F0} ms, calling thread CPU {cold.Cpu:F0} ms; again: wall median {warm[2]:F1} ms, thread CPU {warmCpu[2]:F1} ms; drill into one namespace's workloads: median {drills[2]:F1} ms");
        }
    }
}
