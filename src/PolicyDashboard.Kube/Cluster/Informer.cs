using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>Receives an informer's changes and state transitions (the snapshot store).</summary>
internal interface IInformerSink
{
    void Apply(ResourceKind kind, IReadOnlyList<ObjectChange> changes);
    void StateChanged(Informer informer);
}

/// <summary>Timings and sizes an informer runs with.</summary>
internal sealed record InformerSettings(int PageSize, TimeSpan WatchdogInterval, TimeSpan BackoffMin, TimeSpan BackoffMax, TimeSpan WatchTimeout)
{
    public static InformerSettings From(KubernetesOptions o) => new(o.PageSize, o.WatchdogInterval, o.BackoffMin, o.BackoffMax, o.WatchTimeout);
}

/// <summary>
/// Keeps one kind current: paged list → watch from the list's resourceVersion with bookmarks → on 410 Gone a
/// relist whose result is diffed against what is known (objects deleted during the gap are removed) → on errors
/// reconnect with exponential backoff and jitter → a watchdog restarts a watch that delivered nothing (no event,
/// no bookmark) for the watchdog interval. Only model records leave this class; resourceVersions are kept as
/// opaque strings and compared for equality only.
/// </summary>
internal sealed partial class Informer(
    ResourceKind kind, KubeApi api, InformerSettings settings, IInformerSink sink, ILogger logger, TimeProvider time)
{
    private readonly Dictionary<ObjectKey, string?> _known = [];
    private readonly object _stateLock = new();
    private InformerState _state = new(kind.Plural, InformerPhase.Starting, 0, null, false, null, null);
    private long _lists, _relists, _watches, _gone, _watchdog, _errors, _events, _unreadable;
    private long _lastHeardTicks; // UTC ticks; 0 = nothing heard yet

    public ResourceKind Kind { get; } = kind;

    public InformerState State { get { lock (_stateLock) return _state; } }

    public InformerCounters Counters => new(
        Kind.Plural, Interlocked.Read(ref _lists), Interlocked.Read(ref _relists), Interlocked.Read(ref _watches), Interlocked.Read(ref _gone),
        Interlocked.Read(ref _watchdog), Interlocked.Read(ref _errors), Interlocked.Read(ref _events), Interlocked.Read(ref _unreadable));

    /// <summary>
    /// When the API server last said anything about this kind: a list page, a watch accepted, a watch event or a
    /// bookmark. Null until the first answer. The informer-lag metric is the time since then.
    /// </summary>
    public DateTimeOffset? LastHeard =>
        Interlocked.Read(ref _lastHeardTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private void Heard() => Interlocked.Exchange(ref _lastHeardTicks, time.GetUtcNow().UtcTicks);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resourceVersion is null)
                {
                    resourceVersion = await ListAsync(cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }

                var (outcome, lastVersion, delivered) = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                resourceVersion = lastVersion;
                switch (outcome)
                {
                    case WatchOutcome.Gone:
                        Interlocked.Increment(ref _gone);
                        LogWatchGone(logger, Kind.Plural);
                        resourceVersion = null; // the version is too old: relist and diff
                        break;
                    case WatchOutcome.Stalled:
                        Interlocked.Increment(ref _watchdog);
                        LogWatchdog(logger, Kind.Plural, settings.WatchdogInterval);
                        break;
                    case WatchOutcome.Ended when !delivered:
                        // A watch the server closes at once without a word: do not spin.
                        await DelayAsync(++failures, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        failures = 0;
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (KubeApiException ex) when (ex.StatusCode == HttpStatusCode.Gone)
            {
                // An expired continue token or a too-old resourceVersion: start over with a fresh list.
                Interlocked.Increment(ref _gone);
                LogWatchGone(logger, Kind.Plural);
                resourceVersion = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or KubeApiException or JsonException or OperationCanceledException or InvalidOperationException)
            {
                Interlocked.Increment(ref _errors);
                failures++;
                var message = ex is OperationCanceledException ? "request timed out" : ex.Message;
                UpdateState(s => s with
                {
                    Phase = InformerPhase.Retrying,
                    LastError = message,
                    FailingSince = s.FailingSince ?? time.GetUtcNow(),
                });
                LogRetrying(logger, Kind.Plural, failures, message);
                await DelayAsync(failures, cancellationToken).ConfigureAwait(false);
            }
        }

        UpdateState(s => s with { Phase = InformerPhase.Stopped });
    }

    /// <summary>Lists every object page by page; returns the list's resourceVersion to watch from.</summary>
    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var relist = State.Synced;
        UpdateState(s => s with { Phase = s.Synced ? s.Phase : InformerPhase.Listing, Loaded = s.Synced ? s.Loaded : 0, Expected = s.Synced ? s.Expected : null });
        var listed = new HashSet<ObjectKey>();
        string? continueToken = null;
        string resourceVersion;
        var loaded = 0;
        do
        {
            var uri = $"{Kind.ListPath}?limit={settings.PageSize}" + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            using var page = await api.GetJsonAsync(uri, null, cancellationToken).ConfigureAwait(false);
            Heard();
            var root = page.RootElement;
            var meta = root.TryGetProperty("metadata", out var m) ? m : default;
            resourceVersion = Text(meta, "resourceVersion") ?? "";
            continueToken = Text(meta, "continue") is { Length: > 0 } c ? c : null;
            long? remaining = meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("remainingItemCount", out var r) && r.TryGetInt64(out var rv) ? rv : null;

            var changes = new List<ObjectChange>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    loaded++;
                    if (!TryConvert(item, out var key, out var model, out var version)) continue;
                    listed.Add(key);
                    // Unchanged objects (same opaque resourceVersion) need no new record.
                    if (_known.TryGetValue(key, out var knownVersion) && knownVersion is not null && knownVersion == version) continue;
                    _known[key] = version;
                    changes.Add(new ObjectChange(key, model));
                }
            }

            if (changes.Count > 0) sink.Apply(Kind, changes);
            var expected = remaining is { } left ? loaded + (int)Math.Min(left, int.MaxValue - loaded) : (continueToken is null ? loaded : (int?)null);
            if (!relist) UpdateState(s => s with { Loaded = loaded, Expected = expected });
        }
        while (continueToken is not null);

        // The diff: whatever was known but is not in the complete list was deleted while we were not watching.
        var gone = _known.Keys.Where(k => !listed.Contains(k)).ToList();
        foreach (var key in gone) _known.Remove(key);
        if (gone.Count > 0) sink.Apply(Kind, gone.Select(k => new ObjectChange(k, null)).ToList());

        Interlocked.Increment(ref _lists);
        if (relist) Interlocked.Increment(ref _relists);
        UpdateState(s => s with { Phase = InformerPhase.Watching, Loaded = _known.Count, Expected = _known.Count, Synced = true, LastError = null, FailingSince = null });
        LogListed(logger, Kind.Plural, _known.Count, relist);
        return resourceVersion;
    }

    private enum WatchOutcome { Ended, Gone, Stalled }

    private async Task<(WatchOutcome Outcome, string ResourceVersion, bool Delivered)> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        // timeoutSeconds is randomised in [t, 2t) so that many watches do not reconnect in lockstep (as client-go).
        var timeout = (int)Math.Max(1, settings.WatchTimeout.TotalSeconds * (1 + Random.Shared.NextDouble()));
        var uri = $"{Kind.ListPath}?watch=true&allowWatchBookmarks=true&timeoutSeconds={timeout}&resourceVersion={Uri.EscapeDataString(resourceVersion)}";
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(settings.WatchdogInterval);
        var delivered = false;
        try
        {
            using var response = await api.SendAsync(HttpMethod.Get, uri, null, null, streaming: true, watchdog.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Gone) return (WatchOutcome.Gone, resourceVersion, false);
            await KubeApi.EnsureSuccessAsync(response, watchdog.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _watches);
            Heard();
            UpdateState(s => s with { Phase = InformerPhase.Watching, LastError = null, FailingSince = null });
            await using var stream = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            while (true)
            {
                var line = await reader.ReadLineAsync(watchdog.Token).ConfigureAwait(false);
                if (line is null) return (WatchOutcome.Ended, resourceVersion, delivered);
                if (line.Length == 0) continue;
                watchdog.CancelAfter(settings.WatchdogInterval);
                Heard();
                delivered = true;
                using var doc = JsonDocument.Parse(line);
                var type = Text(doc.RootElement, "type");
                var obj = doc.RootElement.TryGetProperty("object", out var o) ? o : default;
                switch (type)
                {
                    case "ADDED" or "MODIFIED":
                        Interlocked.Increment(ref _events);
                        if (TryConvert(obj, out var key, out var model, out var version))
                        {
                            _known[key] = version;
                            sink.Apply(Kind, [new ObjectChange(key, model)]);
                            UpdateLoaded();
                        }
                        else if (_known.Remove(key))
                        {
                            sink.Apply(Kind, [new ObjectChange(key, null)]);
                            UpdateLoaded();
                        }

                        resourceVersion = version ?? resourceVersion;
                        break;
                    case "DELETED":
                        Interlocked.Increment(ref _events);
                        var deletedKey = KeyOf(obj);
                        if (_known.Remove(deletedKey))
                        {
                            sink.Apply(Kind, [new ObjectChange(deletedKey, null)]);
                            UpdateLoaded();
                        }

                        resourceVersion = ResourceVersionOf(obj) ?? resourceVersion;
                        break;
                    case "BOOKMARK":
                        // A bookmark only moves the resourceVersion forward; it carries no object change.
                        resourceVersion = ResourceVersionOf(obj) ?? resourceVersion;
                        break;
                    case "ERROR":
                        var code = obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                        if (code == (int)HttpStatusCode.Gone) return (WatchOutcome.Gone, resourceVersion, delivered);
                        throw new KubeApiException((HttpStatusCode)code, null, $"watch error {code}: {Text(obj, "message")}");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested && watchdog.IsCancellationRequested)
        {
            return (WatchOutcome.Stalled, resourceVersion, delivered);
        }
    }

    private bool TryConvert(JsonElement obj, out ObjectKey key, out object? model, out string? version)
    {
        key = KeyOf(obj);
        version = ResourceVersionOf(obj);
        try
        {
            model = Kind.Convert(obj);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // An object the API server accepted but we cannot read: leave it out and say so; never fail the informer.
            Interlocked.Increment(ref _unreadable);
            LogUnreadable(logger, Kind.Kind, key.ToString(), ex.Message);
            model = null;
            return false;
        }
    }

    private ObjectKey KeyOf(JsonElement obj)
    {
        var meta = obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var m) ? m : default;
        return new ObjectKey(Kind.Namespaced ? Text(meta, "namespace") ?? "" : "", Text(meta, "name") ?? "");
    }

    private static string? ResourceVersionOf(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var m) ? Text(m, "resourceVersion") : null;

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private void UpdateLoaded()
    {
        var count = _known.Count;
        UpdateState(s => s.Loaded == count ? s : s with { Loaded = count, Expected = count });
    }

    private void UpdateState(Func<InformerState, InformerState> update)
    {
        bool changed;
        lock (_stateLock)
        {
            var next = update(_state);
            changed = next != _state;
            _state = next;
        }

        if (changed) sink.StateChanged(this);
    }

    /// <summary>Exponential backoff (min·2^(n-1), capped at max) with ±50 % jitter so that clients do not retry in lockstep.</summary>
    private Task DelayAsync(int failures, CancellationToken cancellationToken)
    {
        var baseDelay = Math.Min(settings.BackoffMax.TotalMilliseconds, settings.BackoffMin.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)));
        var jittered = baseDelay * (0.5 + Random.Shared.NextDouble());
        return Task.Delay(TimeSpan.FromMilliseconds(Math.Min(jittered, settings.BackoffMax.TotalMilliseconds)), time, cancellationToken);
    }

    public void MarkNotServed() => UpdateState(s => s with { Phase = InformerPhase.NotServed });

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Listed {Kind}: {Count} objects (relist: {Relist})")]
    private static partial void LogListed(ILogger logger, string kind, int count, bool relist);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Watch of {Kind} expired (410 Gone); relisting")]
    private static partial void LogWatchGone(ILogger logger, string kind);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Watch of {Kind} delivered nothing for {Interval}; restarting it")]
    private static partial void LogWatchdog(ILogger logger, string kind, TimeSpan interval);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Informer for {Kind} failed (attempt {Attempt}): {Error}; retrying")]
    private static partial void LogRetrying(ILogger logger, string kind, int attempt, string error);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Skipping unreadable {Kind} {Key}: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string kind, string key, string error);
}
