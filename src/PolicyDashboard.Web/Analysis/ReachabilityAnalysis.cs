using System.Diagnostics;
using System.Diagnostics.Metrics;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Reachability.Matrix;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Metrics;

namespace PolicyDashboard.Web.Analysis;

/// <summary>
/// Follows the cluster snapshot and keeps one shared <see cref="AnalysisResult"/> current. Bursts of watch events are
/// coalesced twice: the snapshot stream yields only the latest snapshot to a slow reader, and a short quiet period
/// lets a burst (a rollout, a kustomize apply) settle into one recomputation. A few changed objects are applied to
/// the previous result incrementally; more, or a change it cannot apply in place, rebuild it.
/// </summary>
public sealed partial class ReachabilityAnalysis : BackgroundService, IReachabilityAnalysis
{
    /// <summary>More changed objects than this rebuild at once: applying them one by one would cost more.</summary>
    public const int IncrementalLimit = 32;

    private readonly IClusterSnapshotSource _source;
    private readonly TimeProvider _time;
    private readonly ILogger<ReachabilityAnalysis> _logger;
    private readonly Histogram<double> _duration;
    private readonly TimeSpan _settle;
    private AnalysisResult _current;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReachabilityAnalysis(IClusterSnapshotSource source, TimeProvider time, IMeterFactory meters, ILogger<ReachabilityAnalysis> logger)
        : this(source, time, meters, logger, TimeSpan.FromMilliseconds(100)) { }

    internal ReachabilityAnalysis(IClusterSnapshotSource source, TimeProvider time, IMeterFactory meters, ILogger<ReachabilityAnalysis> logger, TimeSpan settle)
    {
        _source = source;
        _time = time;
        _logger = logger;
        _settle = settle;
        _duration = meters.Create(DashboardInstruments.MeterName).CreateHistogram<double>("recompute_duration_seconds", "s",
            "Time to recompute reachability after the cluster changed, by kind (incremental or full).");
        _current = Compute(null, ClusterSnapshot.Empty);
    }

    public AnalysisResult Current => Volatile.Read(ref _current);

    public async IAsyncEnumerable<AnalysisResult> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AnalysisResult? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the signal before reading the result so a result published in between is never missed.
            var signal = Volatile.Read(ref _changed).Task;
            var current = Current;
            if (!ReferenceEquals(current, last))
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
        // Leave the host's start-up path at once: the first build of a large cluster must not delay Kestrel.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var snapshot in _source.WatchAsync(stoppingToken).WithCancellation(stoppingToken).ConfigureAwait(false))
                {
                    if (snapshot.Version == Current.Version && ReferenceEquals(snapshot, Current.Snapshot)) continue;
                    if (_settle > TimeSpan.Zero) await Task.Delay(_settle, _time, stoppingToken).ConfigureAwait(false);
                    var latest = _source.Current;
                    if (ReferenceEquals(latest, Current.Snapshot)) continue;
                    Publish(Compute(Current, latest));
                }
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Keep the last good result; the next snapshot is built from scratch.
                LogRecomputeFailed(_logger, ex);
                Publish(SafeRebuild());
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private AnalysisResult SafeRebuild()
    {
        try { return Compute(null, _source.Current); }
        catch (Exception ex) { LogRecomputeFailed(_logger, ex); return Current; }
    }

    private AnalysisResult Compute(AnalysisResult? previous, ClusterSnapshot next)
    {
        var started = Stopwatch.GetTimestamp();
        var changes = previous is null ? null : SnapshotDelta.Between(previous.Snapshot, next);
        if (changes is { Count: 0 }) return previous!.WithSnapshot(next, _time.GetUtcNow());
        FastReachability reachability;
        var incremental = changes is { Count: <= IncrementalLimit };
        if (incremental)
        {
            reachability = previous!.Result.Reachability;
            var step = previous.Snapshot;
            foreach (var change in changes!)
            {
                step = SnapshotDelta.Step(step, next, change);
                reachability = reachability.Apply(step, change);
            }
        }
        else
            reachability = FastReachability.Build(next);
        var elapsed = Stopwatch.GetElapsedTime(started);
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", incremental ? "incremental" : "full"));
        if (previous is not null) LogRecomputed(_logger, next.Version, changes?.Count ?? 0, incremental, elapsed.TotalMilliseconds);
        return new AnalysisResult(next, reachability, _time.GetUtcNow(), elapsed, incremental);
    }

    private void Publish(AnalysisResult result)
    {
        Volatile.Write(ref _current, result);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        // The matrix page opens on every namespace and every port: prepare its class answers now, in the background,
        // so the first page to open does not wait for them (they are shared through the result).
        _ = Task.Run(() => Prepare(result));
    }

    private void Prepare(AnalysisResult result)
    {
        try
        {
            if (ReferenceEquals(Current, result)) MatrixBuilder.Build(result.Result, MatrixQuery.Namespaces);
        }
        catch (Exception ex)
        {
            LogPrepareFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Preparing the default matrix failed; the matrix page will compute it when opened")]
    private static partial void LogPrepareFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Reachability for snapshot {Version}: {Changes} changed objects, incremental {Incremental}, {Milliseconds:F1} ms")]
    private static partial void LogRecomputed(ILogger logger, long version, int changes, bool incremental, double milliseconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Recomputing reachability failed; keeping the last result and rebuilding")]
    private static partial void LogRecomputeFailed(ILogger logger, Exception exception);
}
