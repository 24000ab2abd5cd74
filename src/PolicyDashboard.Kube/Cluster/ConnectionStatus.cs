using System.Collections.Immutable;

namespace PolicyDashboard.Kube.Cluster;

public enum ConnectionState
{
    /// <summary>Initial lists still loading.</summary>
    Connecting,
    /// <summary>Every served kind listed and watching.</summary>
    Live,
    /// <summary>At least one watch is down and being retried; the data may be out of date since <see cref="ConnectionStatus.Since"/>.</summary>
    Stale,
    /// <summary>The cluster cannot be reached at all (retrying).</summary>
    Error,
}

/// <summary>Loading progress of one kind: how many objects arrived out of how many the list announced (if known).</summary>
public sealed record KindProgress(string Kind, int Loaded, int? Expected, bool Synced, bool Served = true);

public sealed record ConnectionStatus(
    ConnectionState State,
    DateTimeOffset Since,
    string? LastError,
    ImmutableArray<KindProgress> Kinds)
{
    public static ConnectionStatus Initial(DateTimeOffset now) =>
        new(ConnectionState.Connecting, now, null, ImmutableArray<KindProgress>.Empty);

    public bool Synced => State is ConnectionState.Live or ConnectionState.Stale && Kinds.All(k => k.Synced || !k.Served);
}
