namespace PolicyDashboard.Kube.Cluster;

/// <summary>What one informer has been through, for metrics and tests. Counts only grow.</summary>
public sealed record InformerCounters(
    string Kind,
    long Lists,
    long Relists,
    long WatchesStarted,
    long WatchesGone,
    long WatchdogRestarts,
    long Errors,
    long Events,
    long Unreadable);

/// <summary>Where an informer is in its cycle.</summary>
public enum InformerPhase { Starting, Listing, Watching, Retrying, NotServed, Stopped }

/// <summary>One informer's state as the store reports it.</summary>
public sealed record InformerState(
    string Kind,
    InformerPhase Phase,
    int Loaded,
    int? Expected,
    bool Synced,
    string? LastError,
    DateTimeOffset? FailingSince);
