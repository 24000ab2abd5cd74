using System.Collections.Concurrent;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Sandbox;

/// <summary>State the request handlers share with the server across restarts: clock, counters, audit, the stop signal.</summary>
internal sealed class SandboxRuntime(TimeProvider clock, TimeSpan bookmarkInterval)
{
    /// <summary>Audit entries kept; the oldest are dropped beyond this.</summary>
    public const int AuditLimit = 10_000;

    private readonly ConcurrentQueue<SandboxAuditEntry> _audit = new();
    private long _writes;
    private CancellationTokenSource _stopping = new();

    public TimeProvider Clock { get; } = clock;
    public TimeSpan BookmarkInterval { get; } = bookmarkInterval;
    public long WriteCount => Interlocked.Read(ref _writes);
    public void CountWrite() => Interlocked.Increment(ref _writes);

    public IReadOnlyList<SandboxAuditEntry> Audit => _audit.ToArray();

    public void RecordAudit(SandboxAuditEntry entry)
    {
        _audit.Enqueue(entry);
        while (_audit.Count > AuditLimit && _audit.TryDequeue(out _))
        {
        }
    }

    /// <summary>Cancelled when the listener stops: open watches end.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>True while the server drops connections (restart, refusal): ending watches abort rather than close cleanly.</summary>
    public bool Aborting { get; private set; }

    public void BeginStop(bool abort)
    {
        Aborting = abort;
        _stopping.Cancel();
    }

    public void Resume()
    {
        var old = Interlocked.Exchange(ref _stopping, new CancellationTokenSource());
        old.Dispose();
        Aborting = false;
    }
}
