using System.Collections.Immutable;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Web.Activity;

namespace PolicyDashboard.Web.Tests.Activity;

internal static class ActivityFeedWaits
{
    /// <summary>The first entries that satisfy <paramref name="condition"/>; a <see cref="TimeoutException"/> after 30 s.</summary>
    public static async Task<ImmutableArray<ActivityEntry>> WaitForAsync(this IActivityFeed feed, Func<ImmutableArray<ActivityEntry>, bool> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var entries in feed.WatchAsync(cts.Token))
                if (condition(entries)) return entries;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }
        throw new TimeoutException($"the activity feed did not reach the expected state in time; it holds: {string.Join("; ", feed.Entries.Select(e => $"{e.Action} {e.Kind} {e.Policy} by {e.Who}"))}");
    }
}
