namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>What a row or column stands for.</summary>
public enum HeaderKind { Namespace, Workload, Pod, IngressController, External }

/// <summary>
/// A row (source) or column (destination) of the matrix. <see cref="Id"/> is stable across versions (used to find
/// the same cell after the cluster changed); <see cref="Drill"/> is the axis that shows its children, if any.
/// </summary>
public sealed record MatrixHeader(string Id, string Label, HeaderKind Kind, int Pods, MatrixAxis? Drill, string? Address = null)
{
    public bool IsExternal => Kind == HeaderKind.External;
}
