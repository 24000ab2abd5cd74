using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Store;

/// <summary>
/// The sandbox's etcd: objects per kind, one global resourceVersion counter, a bounded history of events for
/// watch replay, and the open watches. Stored objects are never mutated; writers store a new object.
/// Compound read-modify-write sequences lock <see cref="Gate"/> (the lock is re-entrant).
/// </summary>
internal sealed class ObjectStore
{
    private static readonly Comparer<(string Ns, string Name)> KeyOrder = Comparer<(string Ns, string Name)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Ns, b.Ns);
        return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
    });

    private readonly Dictionary<ResourceKind, SortedDictionary<(string Ns, string Name), JsonObject>> _objects = new();
    private readonly Queue<StoredEvent> _history = new();
    private readonly List<Watcher> _watchers = [];
    private readonly int _historyLimit;
    private readonly List<(int Count, TaskCompletionSource Done)> _watcherWaits = [];
    private long _rv;
    private long _floorRv;

    public ObjectStore(int historyLimit)
    {
        _historyLimit = Math.Max(1, historyLimit);
        foreach (var k in ResourceKinds.All) _objects[k] = new SortedDictionary<(string, string), JsonObject>(KeyOrder);
    }

    public object Gate { get; } = new();

    public long CurrentRv { get { lock (Gate) return _rv; } }

    /// <summary>Watches from a resourceVersion below this one get 410 Expired: their events are no longer retained.</summary>
    public long FloorRv { get { lock (Gate) return _floorRv; } }

    public static string NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>() ?? "";
    public static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string FormatRv(long rv) => rv.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Re-reads an object from its JSON text so every value is backed by a parsed JSON element: numbers then
    /// convert to any numeric type on read, whatever type the writer used to build them.
    /// </summary>
    public static JsonObject Normalize(JsonObject obj) => JsonNode.Parse(obj.ToJsonString())!.AsObject();

    public JsonObject? Get(ResourceKind kind, string ns, string name)
    {
        lock (Gate) return _objects[kind].GetValueOrDefault((ns, name));
    }

    public int Count(ResourceKind kind)
    {
        lock (Gate) return _objects[kind].Count;
    }

    /// <summary>The objects of a kind (in one namespace, or all when <paramref name="ns"/> is null) in key order, after <paramref name="after"/>.</summary>
    public (List<JsonObject> Items, long Rv) List(ResourceKind kind, string? ns, (string Ns, string Name)? after = null)
    {
        lock (Gate)
        {
            var items = new List<JsonObject>();
            foreach (var (key, obj) in _objects[kind])
            {
                if (ns is not null && key.Ns != ns) continue;
                if (after is { } a && KeyOrder.Compare(key, a) <= 0) continue;
                items.Add(obj);
            }
            return (items, _rv);
        }
    }

    /// <summary>Stores <paramref name="obj"/> (ADDED or MODIFIED) with the next resourceVersion and tells every watch.</summary>
    public JsonObject Commit(ResourceKind kind, JsonObject obj, EventType type)
    {
        lock (Gate)
        {
            obj = Normalize(obj);
            var key = (NamespaceOf(obj), NameOf(obj));
            var map = _objects[kind];
            map.TryGetValue(key, out var old);
            obj["metadata"]!["resourceVersion"] = FormatRv(++_rv);
            map[key] = obj;
            Record(new StoredEvent(_rv, kind, old is null ? EventType.Added : type == EventType.Added ? EventType.Modified : type, obj, old));
            return obj;
        }
    }

    /// <summary>Removes an object; the DELETED event carries its last state stamped with the deletion's resourceVersion.</summary>
    public JsonObject? Delete(ResourceKind kind, string ns, string name)
    {
        lock (Gate)
        {
            if (!_objects[kind].Remove((ns, name), out var old)) return null;
            var gone = old.DeepClone().AsObject();
            gone["metadata"]!["resourceVersion"] = FormatRv(++_rv);
            Record(new StoredEvent(_rv, kind, EventType.Deleted, gone, old));
            return gone;
        }
    }

    private void Record(StoredEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > _historyLimit) _floorRv = _history.Dequeue().Rv;
        foreach (var w in _watchers)
            if (w.Accepts(e)) w.Push(new WatchItem(e, 0));
    }

    /// <summary>
    /// Opens a watch. With <paramref name="fromRv"/> null the current objects come first as synthetic ADDED events
    /// (the apiserver's "get state and start at most recent"); otherwise every retained event after it is replayed.
    /// Registration and replay happen under the lock, so no event falls between them.
    /// </summary>
    public Watcher Watch(ResourceKind kind, string? ns, long? fromRv)
    {
        lock (Gate)
        {
            if (fromRv is { } from && from < _floorRv)
                throw Http.ApiError.Expired($"too old resource version: {from} ({_floorRv})");
            var w = new Watcher(kind, ns);
            if (fromRv is { } since)
            {
                foreach (var e in _history)
                    if (e.Rv > since && w.Accepts(e)) w.Push(new WatchItem(e, 0));
            }
            else
            {
                foreach (var (key, obj) in _objects[kind])
                    if (ns is null || key.Ns == ns)
                        w.Push(new WatchItem(new StoredEvent(long.Parse(obj["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture), kind, EventType.Added, obj, null), 0));
            }
            _watchers.Add(w);
            foreach (var wait in _watcherWaits.Where(x => _watchers.Count >= x.Count).ToList())
            {
                wait.Done.TrySetResult();
                _watcherWaits.Remove(wait);
            }
            return w;
        }
    }

    public int WatcherCount { get { lock (Gate) return _watchers.Count; } }

    /// <summary>Completes once at least <paramref name="count"/> watches are open (for tests that must not race a watch's start).</summary>
    public Task WhenWatchingAsync(int count, CancellationToken ct)
    {
        lock (Gate)
        {
            if (_watchers.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watcherWaits.Add((count, done));
            return done.Task.WaitAsync(ct);
        }
    }

    public void Unwatch(Watcher w)
    {
        lock (Gate) _watchers.Remove(w);
    }

    public void Bookmark(Watcher w)
    {
        lock (Gate) w.Push(new WatchItem(null, _rv));
    }

    public void EndAllWatches()
    {
        lock (Gate) foreach (var w in _watchers.ToArray()) w.End();
    }

    public void StallWatches(bool on)
    {
        lock (Gate) foreach (var w in _watchers) w.Stall(on);
    }

    public void ExpireHistory()
    {
        lock (Gate)
        {
            _history.Clear();
            _floorRv = _rv;
        }
    }
}
