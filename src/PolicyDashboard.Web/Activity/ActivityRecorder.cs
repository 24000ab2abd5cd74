using System.Collections.Immutable;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Activity;

/// <summary>
/// Records policy changes seen in the cluster. It follows the snapshot stream; once the informers have listed every
/// kind it compares the first state with the policy versions remembered in the cluster (changes made while the
/// dashboard was down are recorded once, "seen at start"), then compares each newer snapshot with the one before
/// (<see cref="PolicyChangeDetector"/>), attributes each change and computes the connectivity it opened or closed
/// (<see cref="ActivityEntries"/>), and appends the entries to the stored history (<see cref="ActivityHistoryStore"/>).
/// A history it cannot store yet is kept in memory and stored with the next change.
/// </summary>
public sealed partial class ActivityRecorder(
    IClusterSnapshotSource source, ActivityHistoryStore history, TimeProvider time, ILogger<ActivityRecorder> logger) : BackgroundService, IActivityFeed
{
    private ImmutableArray<ActivityEntry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ActivityEntry> _unsaved = [];

    public ImmutableArray<ActivityEntry> Entries => ImmutableInterlocked.InterlockedCompareExchange(ref _entries, default, default);

    /// <summary>Completes once the first complete snapshot was compared with the stored history and the result stored.</summary>
    public Task Ready => _ready.Task;

    public async IAsyncEnumerable<ImmutableArray<ActivityEntry>> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ImmutableArray<ActivityEntry>? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = Volatile.Read(ref _changed).Task;
            var current = Entries;
            if (last is not { } l || l != current)
            {
                last = current;
                yield return current;
            }
            try
            {
                await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var stored = await LoadAsync(stoppingToken).ConfigureAwait(false);
        if (stored is null) return;
        Publish(stored.Entries);
        ClusterSnapshot? previous = null;
        // The fingerprints of the policies last seen, kept up to date change by change (not recomputed per snapshot).
        var versions = ImmutableDictionary<ActivityPolicyKey, string>.Empty;
        try
        {
            await foreach (var snapshot in source.WatchAsync(stoppingToken).WithCancellation(stoppingToken).ConfigureAwait(false))
            {
                if (!source.Status.Synced || ReferenceEquals(snapshot, previous)) continue;
                var observed = time.GetUtcNow();
                IReadOnlyList<ActivityEntry> entries;
                try
                {
                    if (previous is null)
                    {
                        versions = PolicyFingerprint.All(snapshot);
                        entries = stored.Versions is { } known
                            ? ActivityEntries.BuildSeenAtStart(snapshot, PolicyChangeDetector.SinceKnown(known, snapshot), observed, cancellationToken: stoppingToken)
                            : [];
                    }
                    else
                    {
                        var changes = PolicyChangeDetector.Between(previous, snapshot);
                        foreach (var c in changes)
                            versions = c.Action == ActivityAction.Deleted ? versions.Remove(c.Key) : versions.SetItem(c.Key, c.Fingerprint);
                        entries = ActivityEntries.Build(previous, changes, observed, cancellationToken: stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDetectFailed(logger, e);
                    versions = PolicyFingerprint.All(snapshot);
                    entries = [];
                }
                var first = previous is null;
                previous = snapshot;
                if (entries.Count == 0 && !first) continue;
                foreach (var e in entries) LogChange(logger, e.Action, e.Kind, e.Policy, e.Who, e.Opened, e.Closed);
                await StoreAsync(entries, versions, stoppingToken).ConfigureAwait(false);
                if (first) _ready.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _ready.TrySetCanceled(CancellationToken.None);
        }
    }

    /// <summary>The stored history, retried with backoff while the cluster cannot be read; null when stopping.</summary>
    private async Task<ActivityHistory?> LoadAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                return await history.LoadAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StateStoreException or StateConflictException or System.Text.Json.JsonException or InvalidDataException)
            {
                LogLoadFailed(logger, e);
                if (e is System.Text.Json.JsonException or InvalidDataException) return new ActivityHistory([], null);
            }
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
        return null;
    }

    private async Task StoreAsync(IReadOnlyList<ActivityEntry> entries, ImmutableDictionary<ActivityPolicyKey, string> versions, CancellationToken stoppingToken)
    {
        // Published once stored (the page then shows what an auditor's export and the next start will find); when the
        // cluster refuses, published from memory and stored with the next change.
        _unsaved.AddRange(entries);
        try
        {
            Publish(await history.AppendAsync(_unsaved, versions, stoppingToken).ConfigureAwait(false));
            _unsaved.Clear();
        }
        catch (Exception e) when (e is StateStoreException or StateConflictException)
        {
            LogStoreFailed(logger, _unsaved.Count, e);
            Publish(ActivityHistoryStore.Merge(Entries, entries));
        }
    }

    private void Publish(ImmutableArray<ActivityEntry> entries)
    {
        ImmutableInterlocked.InterlockedExchange(ref _entries, entries);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Information,
        Message = "Policy activity: {Action} {Kind} {Policy} by {Who}; connectivity +{Opened} / -{Closed} pod pairs")]
    private static partial void LogChange(ILogger logger, ActivityAction action, string kind, string policy, string who, int? opened, int? closed);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Could not load the activity history from the state namespace; retrying")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Could not store {Count} activity entries in the state namespace; they are kept in memory and stored with the next change")]
    private static partial void LogStoreFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Error, Message = "Detecting policy changes failed for one snapshot; it is skipped")]
    private static partial void LogDetectFailed(ILogger logger, Exception exception);
}
