using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Diff;

/// <summary>Allowed = denied before and allowed after; Denied = allowed before and denied after.</summary>
public enum ConnectionChange { Allowed, Denied }

/// <summary>
/// Connections between two workloads on one port and protocol that changed the same way, with the number of pod
/// pairs concerned and one of them as an example (for an explanation on demand).
/// </summary>
public sealed record ReachabilityDiffEntry(
    DiffWorkload Source,
    DiffWorkload Destination,
    int Port,
    Protocol Protocol,
    ConnectionChange Change,
    int PodPairs,
    ObjectKey ExampleSource,
    ObjectKey ExampleDestination)
{
    public override string ToString() =>
        $"{(Change == ConnectionChange.Allowed ? "+" : "-")} {Source} -> {Destination} {Port}/{Protocol} ({PodPairs} pod pair{(PodPairs == 1 ? "" : "s")})";
}

/// <summary>
/// The semantic difference between two states of the same pods under different policies: every connection that
/// became allowed or denied, ordered by change (newly allowed first), source, destination, protocol and port.
/// </summary>
public sealed record ReachabilityDiff(ImmutableArray<ReachabilityDiffEntry> Entries, long ConnectionsCompared)
{
    public static readonly ReachabilityDiff Empty = new(ImmutableArray<ReachabilityDiffEntry>.Empty, 0);

    public bool IsEmpty => Entries.IsDefaultOrEmpty;

    public IEnumerable<ReachabilityDiffEntry> NewlyAllowed => Entries.Where(e => e.Change == ConnectionChange.Allowed);

    public IEnumerable<ReachabilityDiffEntry> NewlyDenied => Entries.Where(e => e.Change == ConnectionChange.Denied);

    public int NewlyAllowedPairs => NewlyAllowed.Sum(e => e.PodPairs);

    public int NewlyDeniedPairs => NewlyDenied.Sum(e => e.PodPairs);
}
