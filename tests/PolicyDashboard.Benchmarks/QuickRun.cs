using System.Diagnostics;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Benchmarks;

/// <summary>Direct measurements: full builds, per-port counts, incremental updates (p50/p99), the reference on a sample of pairs.</summary>
public static class QuickRun
{
    public static void Run(string[] which)
    {
        var sizes = which.Length > 0 ? which : ["medium", "small", "large"];
        foreach (var size in sizes)
        {
            var name = size switch { "large" => Scenario.Large, "medium" => Scenario.Medium, _ => Scenario.Small };
            var sw = Stopwatch.StartNew();
            var snapshot = Scenario.Snapshot(name);
            Console.WriteLine($"== {name}: generated in {sw.ElapsedMilliseconds} ms ({snapshot.Pods.Count} pods, {snapshot.Namespaces.Count} namespaces, {snapshot.NetworkPolicies.Count + snapshot.AdminPolicies.Count} policies)");
            var phases = Environment.GetEnvironmentVariable("PHASES");
            if (phases is "1" or "only") Phases.Run(snapshot);
            if (phases == "only") continue;
            if (Environment.GetEnvironmentVariable("MATRIX") == "1") { MatrixRun.Run(snapshot); continue; }
            Full(snapshot);
            Incremental(snapshot);
            if (name != Scenario.Large) Reference(snapshot);
        }
    }

    private static void Full(ClusterSnapshot snapshot)
    {
        var warmUps = WarmUp.Builds(snapshot);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var times = new List<double>();
        var cpu = new List<double>();
        var processCpu = new List<double>();
        var me = Process.GetCurrentProcess();
        FastReachability? r = null;
        for (var i = 0; i < 5; i++)
        {
            me.Refresh();
            var p0 = me.TotalProcessorTime.TotalMilliseconds;
            var sw = Stopwatch.StartNew();
            var c0 = CpuClock.ThreadMilliseconds();
            r = FastReachability.Build(snapshot);
            cpu.Add(CpuClock.ThreadMilliseconds() - c0);
            times.Add(sw.Elapsed.TotalMilliseconds);
            me.Refresh();
            processCpu.Add(me.TotalProcessorTime.TotalMilliseconds - p0);
        }
        cpu.Sort();
        processCpu.Sort();
        var allocated = (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 5;
        var retained = GC.GetTotalMemory(true) - baseline;
        times.Sort();
        Console.WriteLine($"build (after {warmUps} warm-up builds): wall median {times[2]:F1} ms, min {times[0]:F1} ms; thread CPU median {cpu[2]:F1} ms, min {cpu[0]:F1} ms; process CPU (both threads, GC) median {processCpu[2]:F1} ms, min {processCpu[0]:F1} ms; {r!.Partition.ClassCount} classes; retained {retained / 1048576.0:F0} MB, allocated {allocated / 1048576.0:F0} MB per build; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");

        var result = new ReachabilityResult(r);
        var ports = result.ServedPorts();
        var sw2 = Stopwatch.StartNew();
        var c1 = CpuClock.ThreadMilliseconds();
        long allowed = 0;
        foreach (var (port, protocol) in ports) allowed += result.Count(protocol, port).Allowed;
        Console.WriteLine($"counts for all {ports.Count} served ports: wall {sw2.Elapsed.TotalMilliseconds:F0} ms, thread CPU {CpuClock.ThreadMilliseconds() - c1:F0} ms ({allowed} allowed pairs in total); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");

        var pods = r.Partition.Pods.Count;
        var rng = new Random(5);
        var sw3 = Stopwatch.StartNew();
        var hits = 0;
        const int Queries = 100_000;
        for (var i = 0; i < Queries; i++)
        {
            var s = r.PodEndpoint(rng.Next(pods));
            var d = r.PodEndpoint(rng.Next(pods));
            if (r.IngressDecision(s, d, Protocol.TCP, 8080).Allowed && r.EgressDecision(s, d, Protocol.TCP, 8080).Allowed) hits++;
        }
        Console.WriteLine($"single-pair query (both directions): {sw3.Elapsed.TotalMilliseconds * 1000 / Queries:F2} µs ({hits} of {Queries} allowed)");
    }

    private static void Incremental(ClusterSnapshot snapshot)
    {
        var r = FastReachability.Build(snapshot);
        var policies = snapshot.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        var rng = new Random(3);
        var times = new List<double>();
        var cpu = new List<double>();
        var current = snapshot;
        var rebuilt = 0;
        for (var i = 0; i < 300; i++)
        {
            // Toggle a policy's ingress rules off and back on: each change is one policy update.
            var p = policies[rng.Next(policies.Count)];
            var changed = current.NetworkPolicies[p.Key] == p ? p with { Ingress = [], PolicyTypes = [PolicyType.Ingress, PolicyType.Egress] } : p;
            var next = current with { NetworkPolicies = current.NetworkPolicies.SetItem(p.Key, changed) };
            var sw = Stopwatch.StartNew();
            var c0 = CpuClock.ThreadMilliseconds();
            var updated = r.Apply(next, new ClusterChange.NetworkPolicy(p.Key));
            cpu.Add(CpuClock.ThreadMilliseconds() - c0);
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (!ReferenceEquals(updated.Partition, r.Partition)) rebuilt++;
            r = updated;
            current = next;
        }
        times.Sort();
        cpu.Sort();
        Console.WriteLine($"one policy change: wall p50 {times[times.Count / 2]:F2} ms, p99 {times[(int)(times.Count * 0.99)]:F2} ms, max {times[^1]:F2} ms; thread CPU p50 {cpu[cpu.Count / 2]:F2} ms, p99 {cpu[(int)(cpu.Count * 0.99)]:F2} ms ({rebuilt} of {times.Count} rebuilt)");

        var podTimes = new List<double>();
        var podCpu = new List<double>();
        var pods = snapshot.Pods.Values.Take(200).ToList();
        foreach (var pod in pods)
        {
            var copy = pod with { Meta = pod.Meta with { Name = pod.Name + "-x" } };
            var next = current with { Pods = current.Pods.SetItem(copy.Key, copy) };
            var sw = Stopwatch.StartNew();
            var c0 = CpuClock.ThreadMilliseconds();
            r = r.Apply(next, new ClusterChange.Pod(copy.Key));
            podCpu.Add(CpuClock.ThreadMilliseconds() - c0);
            podTimes.Add(sw.Elapsed.TotalMilliseconds);
            current = next;
        }
        podTimes.Sort();
        podCpu.Sort();
        Console.WriteLine($"one pod added (replica): wall p50 {podTimes[podTimes.Count / 2]:F2} ms, p99 {podTimes[(int)(podTimes.Count * 0.99)]:F2} ms; thread CPU p50 {podCpu[podCpu.Count / 2]:F2} ms, p99 {podCpu[(int)(podCpu.Count * 0.99)]:F2} ms");
    }

    private static void Reference(ClusterSnapshot snapshot)
    {
        var fast = ReachabilityResult.For(snapshot);
        var ports = fast.ServedPorts();
        var sw = Stopwatch.StartNew();
        var c0 = CpuClock.ThreadMilliseconds();
        fast = ReachabilityResult.For(snapshot);
        foreach (var (port, protocol) in ports) fast.Count(protocol, port);
        var fastMs = CpuClock.ThreadMilliseconds() - c0;
        var fastWall = sw.Elapsed.TotalMilliseconds;

        var c1 = CpuClock.ThreadMilliseconds();
        var reference = ReferenceEngine.For(snapshot);
        var compileMs = CpuClock.ThreadMilliseconds() - c1;
        var pods = reference.Cluster.Pods;
        var rng = new Random(11);
        const int Sample = 20_000;
        c1 = CpuClock.ThreadMilliseconds();
        for (var i = 0; i < Sample; i++)
        {
            var (port, protocol) = ports[rng.Next(ports.Count)];
            reference.Evaluate(pods[rng.Next(pods.Length)].Endpoint, pods[rng.Next(pods.Length)].Endpoint, port, protocol);
        }
        var perEval = (CpuClock.ThreadMilliseconds() - c1) / Sample;
        var total = (double)pods.Length * pods.Length * ports.Count;
        var referenceMs = compileMs + perEval * total;
        Console.WriteLine($"fast: build + counts for {ports.Count} ports = thread CPU {fastMs:F0} ms (wall {fastWall:F0} ms); reference (thread CPU): {perEval * 1000:F1} µs per verdict (sample {Sample}) × {total:E2} verdicts ≈ {referenceMs / 1000:F0} s (extrapolated); ratio ≈ {referenceMs / fastMs:F0}×");
    }
}
