namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>How finely one side of the matrix is broken down.</summary>
public enum MatrixLevel { Namespace, Workload, Pod }

/// <summary>
/// One side of the matrix (sources or destinations): every namespace; the workloads of one namespace; or the pods of
/// one workload. Drilling into a header narrows the axis to that header's children.
/// </summary>
public sealed record MatrixAxis(string? Namespace = null, string? Workload = null)
{
    public static readonly MatrixAxis AllNamespaces = new();

    public MatrixLevel Level => Workload is not null ? MatrixLevel.Pod : Namespace is not null ? MatrixLevel.Workload : MatrixLevel.Namespace;

    /// <summary>Whether a pod belongs to what this axis shows.</summary>
    public bool Contains(Model.PodInfo pod) =>
        (Namespace is null || pod.Namespace == Namespace) && (Workload is null || WorkloadId.Of(pod) == Workload);

    /// <summary>The axis one level up (the breadcrumb's previous step).</summary>
    public MatrixAxis Parent => Level switch
    {
        MatrixLevel.Pod => new MatrixAxis(Namespace),
        _ => AllNamespaces,
    };

    /// <summary>e.g. <c>all namespaces</c>, <c>default</c>, <c>default/Deployment/frontend</c>.</summary>
    public override string ToString() => Workload ?? Namespace ?? "all namespaces";
}
