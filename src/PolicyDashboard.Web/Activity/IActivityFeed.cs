using System.Collections.Immutable;
using PolicyDashboard.Core.Activity;

namespace PolicyDashboard.Web.Activity;

/// <summary>The seam the Activity page and the export read: the history, newest first, and a stream of newer histories.</summary>
public interface IActivityFeed
{
    /// <summary>The entries known now, newest first (empty until the stored history was loaded).</summary>
    ImmutableArray<ActivityEntry> Entries { get; }

    /// <summary>Yields the current entries at once, then every newer list (coalesced), until cancelled.</summary>
    IAsyncEnumerable<ImmutableArray<ActivityEntry>> WatchAsync(CancellationToken cancellationToken);
}
