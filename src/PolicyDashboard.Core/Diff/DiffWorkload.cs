using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Diff;

/// <summary>
/// What a diff groups pods by: the owning workload (<see cref="PodInfo.Owner"/>, e.g. Deployment/frontend), or the
/// pod itself (Kind "Pod") when it has no owner.
/// </summary>
public readonly record struct DiffWorkload(string Namespace, string Kind, string Name) : IComparable<DiffWorkload>
{
    public static DiffWorkload Of(PodInfo pod) =>
        pod.Owner is { } owner ? new(pod.Namespace, owner.Kind, owner.Name) : new(pod.Namespace, "Pod", pod.Name);

    public int CompareTo(DiffWorkload other)
    {
        var c = string.CompareOrdinal(Namespace, other.Namespace);
        if (c == 0) c = string.CompareOrdinal(Kind, other.Kind);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => $"{Namespace}/{Kind}/{Name}";
}
