namespace PolicyDashboard.Core.Model;

/// <summary>
/// The slice of Kubernetes object metadata the dashboard keeps. <see cref="ResourceVersion"/> is opaque:
/// compare for equality and pass it back, never parse or order it.
/// </summary>
public sealed record ObjectMeta(
    string Name,
    string? Namespace,
    string? Uid = null,
    string? ResourceVersion = null,
    DateTimeOffset? CreationTimestamp = null,
    Labels? Labels = null,
    Labels? Annotations = null)
{
    public Labels Labels { get; init; } = Labels ?? Labels.Empty;
    public Labels Annotations { get; init; } = Annotations ?? Labels.Empty;

    /// <summary>The latest managedFields entry of the main resource; null when the object carries none.</summary>
    public LastWrite? LastWrite { get; init; }

    public ObjectKey Key => new(Namespace ?? "", Name);
}

/// <summary>Namespace and name; Namespace is "" for cluster-scoped objects.</summary>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
