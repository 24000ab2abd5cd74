using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Removes expired sessions from the state namespace (<see cref="ClusterSessionCache"/>): at start and then every
/// <see cref="Interval"/>. Each replica runs it; a session deleted by another meanwhile is simply gone, and a delete
/// is conditional on the version listed, so a session renewed in between is kept.
/// </summary>
public sealed partial class SessionCleanup(IStateStore store, TimeProvider time, ILogger<SessionCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    private static readonly Dictionary<string, string> SessionLabels = new() { [StateDocument.KindLabel] = ClusterSessionCache.DocumentKind };

    /// <summary>Deletes every expired session once; returns how many were removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var session in await store.ListAsync(StateKind.ConfigMap, SessionLabels, cancellationToken).ConfigureAwait(false))
        {
            if (ClusterSessionCache.Expires(session) is not { } expires || expires > now) continue;
            try
            {
                if (await store.DeleteAsync(StateKind.ConfigMap, session.Name, session.ResourceVersion, cancellationToken).ConfigureAwait(false)) removed++;
            }
            catch (StateConflictException)
            {
                // Renewed since it was listed: still in use.
            }
        }
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (removed > 0) LogRemoved(removed);
            }
            catch (Exception e) when (e is StateStoreException or StateConflictException)
            {
                LogFailed(e);
            }
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Removed {Count} expired sessions from the state namespace")]
    private partial void LogRemoved(int count);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Could not remove expired sessions from the state namespace; trying again later")]
    private partial void LogFailed(Exception exception);
}
