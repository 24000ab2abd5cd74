namespace PolicyDashboard.Sandbox;

/// <summary>State the request handlers share with the server across restarts: clock, counters, the stop signal.</summary>
internal sealed class SandboxRuntime(TimeProvider clock, TimeSpan bookmarkInterval)
{
    private long _writes;
    private CancellationTokenSource _stopping = new();

    public TimeProvider Clock { get; } = clock;
    public TimeSpan BookmarkInterval { get; } = bookmarkInterval;
    public long WriteCount => Interlocked.Read(ref _writes);
    public void CountWrite() => Interlocked.Increment(ref _writes);

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
