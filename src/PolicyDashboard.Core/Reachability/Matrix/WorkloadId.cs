using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// The workload a pod belongs to, as <c>namespace/Kind/name</c> of its owner (a ReplicaSet's pods are named by the
/// Deployment when the owner chain says so); a pod without an owner is its own workload, <c>namespace/Pod/name</c>.
/// </summary>
public static class WorkloadId
{
    public static string Of(PodInfo pod) =>
        pod.Owner is { } owner ? $"{pod.Namespace}/{owner.Kind}/{owner.Name}" : $"{pod.Namespace}/Pod/{pod.Name}";

    /// <summary>The part after the namespace: <c>Deployment/frontend</c>.</summary>
    public static string ShortName(string workloadId) => workloadId[(workloadId.IndexOf('/') + 1)..];

    public static string NamespaceOf(string workloadId) => workloadId[..workloadId.IndexOf('/')];
}
