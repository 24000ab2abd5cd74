using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>Thread CPU time of each phase of <see cref="FastReachability.Build"/>, to see where a build's time goes.</summary>
public static class Phases
{
    public static void Run(ClusterSnapshot snapshot)
    {
        for (var round = 0; round < 3; round++)
        {
            var t = CpuClock.ThreadMilliseconds();
            string Lap() { var now = CpuClock.ThreadMilliseconds(); var s = $"{now - t:F0}"; t = now; return s; }
            var issues = ImmutableArray.CreateBuilder<CompileIssue>();
            var nodes = new NodeIndex(snapshot);
            var np = snapshot.NetworkPolicies.Values.Select(p => NetworkPolicyCompiler.Compile(p, issues)).ToList();
            var ap = snapshot.AdminPolicies.Values.Select(p => AdminPolicyCompiler.Compile(p, issues)).ToList();
            var compile = Lap();
            var needsList = np.Select(p => NeedsCollector.Of(p, nodes)).Concat(ap.Select(p => NeedsCollector.Of(p, nodes))).ToList();
            var needs = NeedsCollector.Union(needsList);
            var needTime = Lap();
            var partition = new ClassPartition(snapshot, needs);
            var part = Lap();
            var resolver = new SelectorResolver(partition, FastReachability.NamespaceLabels(snapshot));
            var compiler = new PolicyCompiler(resolver, nodes, needs);
            for (var i = 0; i < np.Count; i++) compiler.Translate(np[i], needsList[i]);
            for (var i = 0; i < ap.Count; i++) compiler.Translate(ap[i], needsList[np.Count + i]);
            var translate = Lap();
            FastReachability.Build(snapshot);
            var full = Lap();
            Console.WriteLine($"phases (thread CPU ms): compile {compile}, needs {needTime}, partition {part}, translate {translate}; whole build {full}");
        }
    }
}
