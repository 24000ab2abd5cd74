using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// The seam the UI and the analysis depend on: the current immutable snapshot, a stream of newer ones,
/// and how fresh the data is. Fakes for tests implement this and nothing else.
/// </summary>
public interface IClusterSnapshotSource
{
    /// <summary>The latest snapshot (never null; <see cref="ClusterSnapshot.Empty"/> before the first list).</summary>
    ClusterSnapshot Current { get; }

    /// <summary>Connection and sync state, also the per-kind loading progress.</summary>
    ConnectionStatus Status { get; }

    /// <summary>
    /// Yields the current snapshot at once, then every newer snapshot (coalesced: a slow reader sees the latest,
    /// not every intermediate one) and status changes, until cancelled.
    /// </summary>
    IAsyncEnumerable<ClusterSnapshot> WatchAsync(CancellationToken cancellationToken);
}
