using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Reachability;

/// <summary>How pods are grouped in reachability lists: by owning workload, a bare pod being its own group.</summary>
public static class Workloads
{
    /// <summary><c>namespace/Kind/name</c>, the same key the matrix's workload level uses.</summary>
    public static string KeyOf(PodInfo pod) =>
        pod.Owner is { } o ? $"{pod.Namespace}/{o.Kind}/{o.Name}" : $"{pod.Namespace}/Pod/{pod.Name}";

    /// <summary><c>Deployment/frontend</c>, or <c>Pod/busybox</c> for a bare pod.</summary>
    public static string NameOf(PodInfo pod) => pod.Owner is { } o ? o.ToString() : $"Pod/{pod.Name}";
}
