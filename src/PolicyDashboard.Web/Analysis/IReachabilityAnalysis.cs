namespace PolicyDashboard.Web.Analysis;

/// <summary>
/// The seam pages and the HTTP API read reachability through: the latest result and a stream of newer ones. Fakes for
/// tests implement this and nothing else.
/// </summary>
public interface IReachabilityAnalysis
{
    /// <summary>The latest result; before the first computation, the result of the empty cluster.</summary>
    AnalysisResult Current { get; }

    /// <summary>
    /// Yields the current result at once, then every newer one, until cancelled. A slow reader sees the latest result,
    /// not every intermediate one; ending the enumeration (or cancelling it) removes the subscription.
    /// </summary>
    IAsyncEnumerable<AnalysisResult> WatchAsync(CancellationToken cancellationToken);
}
