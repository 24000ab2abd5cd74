using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Composes one informer per served kind into a single immutable <see cref="ClusterSnapshot"/>, replaced atomically
/// on every change (Version + 1), and derives the <see cref="ConnectionStatus"/> from the informers' states.
/// </summary>
public sealed partial class ClusterSnapshotStore : IClusterSnapshotSource, IInformerSink
{
    private readonly KubeApi _api;
    private readonly InformerSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ImmutableArray<ResourceKind> _kinds;
    private readonly object _gate = new();
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private ConnectionStatus _status;
    private ImmutableArray<Informer> _informers = [];
    private ImmutableHashSet<ResourceKind>? _served;
    private string? _discoveryError;
    private DateTimeOffset? _discoveryFailingSince;
    private TaskCompletionSource _changed = NewSignal();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClusterSnapshotStore(KubeApi api, KubernetesOptions options, ILogger<ClusterSnapshotStore>? logger = null, TimeProvider? time = null, IEnumerable<ResourceKind>? kinds = null)
    {
        _api = api;
        _settings = InformerSettings.From(options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _kinds = kinds?.ToImmutableArray() ?? ResourceKinds.All;
        _status = ConnectionStatus.Initial(_time.GetUtcNow());
    }

    public ClusterSnapshot Current => Volatile.Read(ref _snapshot);

    public ConnectionStatus Status => Volatile.Read(ref _status);

    /// <summary>Completes once every served kind has been listed completely for the first time.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Restart, relist and error counts per kind (by plural: "pods").</summary>
    public ImmutableDictionary<string, InformerCounters> Counters =>
        _informers.ToImmutableDictionary(i => i.Kind.Plural, i => i.Counters);

    /// <summary>
    /// Per served kind (plural), when the API server last said anything about it (list page, watch accepted, event or
    /// bookmark); kinds not heard from yet and kinds the cluster does not serve are absent.
    /// </summary>
    public ImmutableDictionary<string, DateTimeOffset> LastHeard =>
        _informers.Where(i => i.State.Phase != InformerPhase.NotServed && i.LastHeard is not null)
            .ToImmutableDictionary(i => i.Kind.Plural, i => i.LastHeard!.Value);

    /// <summary>Discovers the served kinds (retrying until the cluster answers), then runs their informers until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (_served is null)
        {
            try
            {
                _served = await Discovery.ServedAsync(_api, _kinds, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or KubeApiException or System.Text.Json.JsonException or OperationCanceledException)
            {
                failures++;
                lock (_gate)
                {
                    _discoveryError = ex.Message;
                    _discoveryFailingSince ??= _time.GetUtcNow();
                }

                LogDiscoveryFailed(_logger, failures, ex.Message);
                RecomputeStatus();
                var delay = Math.Min(_settings.BackoffMax.TotalMilliseconds, _settings.BackoffMin.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(delay * (0.5 + Random.Shared.NextDouble() / 2)), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        lock (_gate)
        {
            _discoveryError = null;
            _discoveryFailingSince = null;
        }

        var informers = _kinds.Select(k => new Informer(k, _api, _settings, this, _logger, _time)).ToImmutableArray();
        _informers = informers;
        foreach (var informer in informers.Where(i => !_served.Contains(i.Kind)))
        {
            informer.MarkNotServed();
            LogNotServed(_logger, informer.Kind.Kind, informer.Kind.ApiVersion);
        }

        RecomputeStatus();
        await Task.WhenAll(informers.Where(i => _served.Contains(i.Kind)).Select(i => Task.Run(() => i.RunAsync(cancellationToken), CancellationToken.None))).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ClusterSnapshot> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ClusterSnapshot? lastSnapshot = null;
        ConnectionStatus? lastStatus = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the signal before reading the state so a change between the two is never missed.
            var signal = Volatile.Read(ref _changed).Task;
            var snapshot = Current;
            var status = Status;
            if (!ReferenceEquals(snapshot, lastSnapshot) || !ReferenceEquals(status, lastStatus))
            {
                lastSnapshot = snapshot;
                lastStatus = status;
                yield return snapshot;
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

    void IInformerSink.Apply(ResourceKind kind, IReadOnlyList<ObjectChange> changes)
    {
        lock (_gate)
        {
            var next = kind.Apply(_snapshot, changes);
            Volatile.Write(ref _snapshot, next with { Version = _snapshot.Version + 1 });
        }

        Signal();
    }

    void IInformerSink.StateChanged(Informer informer) => RecomputeStatus();

    private void RecomputeStatus()
    {
        bool becameSynced;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var states = _informers.Select(i => (i, i.State)).ToList();
            var kinds = states
                .Select(p => new KindProgress(p.i.Kind.Plural, p.State.Loaded, p.State.Expected, p.State.Synced, p.State.Phase != InformerPhase.NotServed))
                .ToImmutableArray();
            var served = states.Where(p => p.State.Phase != InformerPhase.NotServed).ToList();
            var failing = served.Where(p => p.State.Phase == InformerPhase.Retrying).ToList();
            var allSynced = _served is not null && served.All(p => p.State.Synced);
            var lastError = failing.Select(p => $"{p.i.Kind.Plural}: {p.State.LastError}").FirstOrDefault();
            ConnectionState state;
            DateTimeOffset? failingSince = null;
            if (_served is null)
            {
                state = _discoveryError is null ? ConnectionState.Connecting : ConnectionState.Error;
                failingSince = _discoveryFailingSince;
                lastError = _discoveryError;
            }
            else if (served.Count > 0 && failing.Count == served.Count)
            {
                state = ConnectionState.Error;
                failingSince = failing.Min(p => p.State.FailingSince);
            }
            else if (!allSynced)
            {
                state = ConnectionState.Connecting;
            }
            else if (failing.Count > 0)
            {
                state = ConnectionState.Stale;
                failingSince = failing.Min(p => p.State.FailingSince);
            }
            else
            {
                state = ConnectionState.Live;
            }

            var old = _status;
            var since = failingSince ?? (old.State == state ? old.Since : now);
            var next = new ConnectionStatus(state, since, lastError, kinds);
            if (old.State == next.State && old.Since == next.Since && old.LastError == next.LastError && old.Kinds.SequenceEqual(next.Kinds))
                return;
            Volatile.Write(ref _status, next);
            becameSynced = allSynced && !_synced.Task.IsCompleted;
            if (old.State != next.State) LogState(_logger, next.State, next.LastError);
        }

        if (becameSynced) _synced.TrySetResult();
        Signal();
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Cluster discovery failed (attempt {Attempt}): {Error}; retrying")]
    private static partial void LogDiscoveryFailed(ILogger logger, int attempt, string error);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "The cluster does not serve {Kind} ({ApiVersion}); skipping it")]
    private static partial void LogNotServed(ILogger logger, string kind, string apiVersion);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Cluster connection is {State} {LastError}")]
    private static partial void LogState(ILogger logger, ConnectionState state, string? lastError);
}
