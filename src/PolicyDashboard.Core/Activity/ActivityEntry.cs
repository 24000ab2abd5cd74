using System.Collections.Immutable;

namespace PolicyDashboard.Core.Activity;

/// <summary>
/// One policy change in the activity history, as kept and exported.
/// </summary>
/// <param name="Id">Derived from the policy, the action and the resulting version: the same change seen twice (after a restart, or by two replicas) has the same id.</param>
/// <param name="ObservedAt">When the dashboard saw the change.</param>
/// <param name="When">When it was made (see <see cref="ChangeAttribution"/>).</param>
/// <param name="Kind">NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy.</param>
/// <param name="Namespace">"" for the cluster-scoped kinds.</param>
/// <param name="Who">A person (annotation), a field manager, or "unknown".</param>
/// <param name="SeenAtStart">Made while the dashboard was not running; found when it started.</param>
/// <param name="ResourceVersion">The version observed after the change (null for a deletion).</param>
/// <param name="Opened">Pod pairs × ports newly allowed; null when unknown (the state before is unknown, or too many changes at once).</param>
/// <param name="Closed">Pod pairs × ports newly denied; null when unknown.</param>
/// <param name="Pairs">The largest workload-level changes, at most <see cref="ActivityEntries.TopPairs"/>.</param>
public sealed record ActivityEntry(
    string Id,
    DateTimeOffset ObservedAt,
    DateTimeOffset When,
    string Kind,
    string Namespace,
    string Name,
    ActivityAction Action,
    string Who,
    AttributionSource WhoSource,
    bool SeenAtStart,
    string? ResourceVersion,
    int? Opened,
    int? Closed,
    ImmutableArray<ActivityPair> Pairs)
{
    public string Policy => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
