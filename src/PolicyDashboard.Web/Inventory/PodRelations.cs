using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>What a pod detail page shows around the pod.</summary>
public sealed record PodRelationsView(
    IReadOnlyList<ServiceInfo> Services,
    WorkloadRef? Workload,
    int WorkloadPods,
    string? NodeName,
    NodeInfo? Node);

public static class PodRelations
{
    public static PodRelationsView For(ClusterSnapshot snapshot, PodInfo pod)
    {
        var workloadPods = pod.Owner is { } owner
            ? snapshot.Pods.Values.Count(p => p.Owner == owner && p.Namespace == pod.Namespace)
            : 0;
        NodeInfo? node = null;
        if (pod.NodeName is { Length: > 0 } nodeName) snapshot.Nodes.TryGetValue(new ObjectKey("", nodeName), out node);
        return new PodRelationsView(ServiceRelations.ServicesSelecting(snapshot, pod), pod.Owner, workloadPods, pod.NodeName, node);
    }
}
