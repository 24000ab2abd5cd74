using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// One object that changed between two snapshots (added, updated or deleted: the new snapshot says which). Lets
/// <see cref="FastReachability.Apply"/> update only what the object can affect.
/// </summary>
public abstract record ClusterChange
{
    private ClusterChange() { }

    public sealed record NetworkPolicy(ObjectKey Key) : ClusterChange;
    public sealed record AdminPolicy(AdminPolicyKey Key) : ClusterChange;
    public sealed record Pod(ObjectKey Key) : ClusterChange;
    public sealed record Namespace(string Name) : ClusterChange;
    /// <summary>Anything else that can matter (nodes): the result is rebuilt.</summary>
    public sealed record Other(string Description) : ClusterChange;
}
