using PolicyDashboard.Sandbox.Store;

namespace PolicyDashboard.Sandbox;

/// <summary>
/// Fault hooks for tests: the awkward things a real apiserver and network do to a client, on demand.
/// </summary>
public sealed class SandboxFaults
{
    private readonly ObjectStore _store;
    private readonly SandboxServer _server;

    internal SandboxFaults(ObjectStore store, SandboxServer server)
    {
        _store = store;
        _server = server;
    }

    /// <summary>Ends every open watch cleanly, as an apiserver does when a watch's time is up.</summary>
    public void EndAllWatches() => _store.EndAllWatches();

    /// <summary>Forgets the event history: the next watch from any older resourceVersion, and any older continue token, gets 410 Expired.</summary>
    public void ExpireHistory() => _store.ExpireHistory();

    /// <summary>
    /// <c>true</c>: the watches open now keep their connections but send nothing more — no events, no bookmarks —
    /// and do not end at their timeout, like a silently hung connection. Watches opened later are healthy.
    /// <c>false</c>: the stalled watches resume and deliver what they held back.
    /// </summary>
    public void StallWatches(bool on) => _store.StallWatches(on);

    /// <summary>
    /// Closes the listening port at once (every connection dropped; new ones refused) and reopens it on the same
    /// port with the same state after <paramref name="duration"/>. Returns when the port is closed.
    /// </summary>
    public void RefuseConnectionsFor(TimeSpan duration) => _server.RefuseConnectionsFor(duration);

    /// <summary>As <see cref="RefuseConnectionsFor"/>, completing when the server accepts connections again.</summary>
    public Task RefuseConnectionsForAsync(TimeSpan duration, CancellationToken ct = default) => _server.RefuseConnectionsForAsync(duration, ct);
}
