using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>
/// Thread CPU time of each phase of <see cref="FastReachability.Build"/>, to see where a build's time goes. The phases
/// are run one after the other on this thread (the build itself may overlap some of them on a second core); each is
/// reported as the median and minimum over several rounds, since single rounds on a shared machine vary widely.
/// </summary>
public static class Phases
{
    public static void Run(ClusterSnapshot snapshot)
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("PHASE_ROUNDS"), out var r) ? r : 9;
        var names = new[] { "compile", "needs", "partition", "namespaces", "translate", "whole build" };
        var laps = names.Select(_ => new List<double>()).ToArray();
        var bytes = new long[names.Length];
        for (var round = 0; round < rounds; round++)
        {
            var t = CpuClock.ThreadMilliseconds();
            var a = GC.GetAllocatedBytesForCurrentThread();
            var phase = 0;
            void Lap()
            {
                var now = CpuClock.ThreadMilliseconds();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                bytes[phase] += allocated - a;
                laps[phase++].Add(now - t);
                (t, a) = (now, allocated);
            }
            var issues = ImmutableArray.CreateBuilder<CompileIssue>();
            var nodes = new NodeIndex(snapshot);
            var np = snapshot.NetworkPolicies.Values.Select(p => NetworkPolicyCompiler.Compile(p, issues)).ToList();
            var ap = snapshot.AdminPolicies.Values.Select(p => AdminPolicyCompiler.Compile(p, issues)).ToList();
            Lap();
            var needsList = np.Select(p => NeedsCollector.Of(p, nodes)).Concat(ap.Select(p => NeedsCollector.Of(p, nodes))).ToList();
            var needs = NeedsCollector.Union(needsList);
            Lap();
            var partition = new ClassPartition(new PodTable(snapshot), needs);
            Lap();
            var namespaceLabels = FastReachability.NamespaceLabels(snapshot, partition);
            Lap();
            var resolver = new SelectorResolver(partition, namespaceLabels);
            var compiler = new PolicyCompiler(resolver, nodes, needs);
            for (var i = 0; i < np.Count; i++) compiler.Translate(np[i], needsList[i]);
            for (var i = 0; i < ap.Count; i++) compiler.Translate(ap[i], needsList[np.Count + i]);
            Lap();
            FastReachability.Build(snapshot);
            Lap();
        }
        var parts = names.Select((n, i) =>
        {
            var s = laps[i].Skip(rounds > 2 ? 1 : 0).Order().ToList(); // the first round pays JIT
            return $"{n} {s[s.Count / 2]:F0} (min {s[0]:F0}, {bytes[i] / rounds / 1048576.0:F1} MB)";
        });
        Console.WriteLine($"phases over {rounds} rounds (thread CPU ms, median and min; this thread's allocations per round): {string.Join(", ", parts)}");
    }
}
