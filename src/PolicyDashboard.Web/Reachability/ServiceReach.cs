using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Inventory;

namespace PolicyDashboard.Web.Reachability;

/// <summary>The pods of one workload that can reach a service port, and on how many of its backing pods.</summary>
public sealed record ServiceSourceGroup(string Namespace, string Workload, IReadOnlyList<PodInfo> Pods, int BackendsReached, int Backends)
{
    public Coverage Coverage => BackendsReached == Backends ? Coverage.All : BackendsReached == 0 ? Coverage.None : Coverage.Some;
}

/// <summary>Who can reach one port of a service: per source workload, through the port's target port on each backing pod.</summary>
public sealed record ServicePortReach(ServicePortInfo Port, int Backends, IReadOnlyList<ServiceSourceGroup> Sources);

/// <summary>
/// A connection to a service port is a connection to one of its backing pods on the target port resolved on that
/// pod (NetworkPolicy sees the pod and the target port, never the service's port or cluster IP). A source "reaches"
/// a backing pod when the combined verdict allows that target port; backing pods that receive no traffic (no IP,
/// terminated), ports that do not resolve on a pod, and a backing pod's connection to itself are left out.
/// </summary>
public static class ServiceReach
{
    public static IReadOnlyList<ServicePortReach> For(AnalysisResult analysis, ServiceInfo service)
    {
        var snapshot = analysis.Snapshot;
        var backing = ServiceRelations.BackingPods(snapshot, service)
            .Where(b => b.NotAnEndpointBecause is null)
            .Select(b => (b, Index: analysis.IndexOf(b.Pod.Key)))
            .Where(x => x.Index >= 0)
            .ToList();
        var result = new List<ServicePortReach>();
        var ports = service.Ports.IsDefault ? [] : service.Ports;
        for (var p = 0; p < ports.Length; p++)
        {
            var port = ports[p];
            var targets = backing
                .Where(x => x.b.Ports[p].Port is not null)
                .Select(x => (x.Index, Target: x.b.Ports[p].Port!.Value))
                .ToList();
            result.Add(new ServicePortReach(port, targets.Count, Sources(analysis, port.Protocol, targets)));
        }
        return result;
    }

    private static int Count(AnalysisResult analysis, int source, Protocol protocol, List<(int Index, int Target)> targets)
    {
        var count = 0;
        foreach (var (index, target) in targets)
            if (index != source && analysis.Result.IsAllowed(source, index, protocol, target, ReachScope.Combined)) count++;
        return count;
    }

    private static IReadOnlyList<ServiceSourceGroup> Sources(AnalysisResult analysis, Protocol protocol, List<(int Index, int Target)> targets)
    {
        if (targets.Count == 0) return [];
        var partition = analysis.Result.Reachability.Partition;
        var reached = new List<(PodInfo Pod, int Count)>();
        var targetPods = targets.Select(t => t.Index).ToHashSet();
        foreach (var cls in partition.Classes)
        {
            // Verdicts depend on the classes only; a backing pod is counted per pod, its own pair being left out
            // (as on the pod page: a pod reaching itself is loopback, not policy).
            int? classCount = null;
            foreach (var member in cls.Members)
            {
                int count;
                if (targetPods.Contains(member)) count = Count(analysis, member, protocol, targets);
                else count = classCount ??= Count(analysis, member, protocol, targets);
                if (count > 0) reached.Add((partition.Pods[member], count));
            }
        }
        return [.. reached
            .GroupBy(r => Workloads.KeyOf(r.Pod), StringComparer.Ordinal)
            .Select(g => new ServiceSourceGroup(g.First().Pod.Namespace, Workloads.NameOf(g.First().Pod),
                [.. g.Select(r => r.Pod).OrderBy(pod => pod.Name, StringComparer.Ordinal)], g.Min(r => r.Count), targets.Count))
            .OrderBy(g => g.Namespace, StringComparer.Ordinal).ThenBy(g => g.Workload, StringComparer.Ordinal)];
    }
}
