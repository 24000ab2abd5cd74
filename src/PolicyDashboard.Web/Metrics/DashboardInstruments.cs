using System.Diagnostics.Metrics;
using PolicyDashboard.Kube;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Metrics;

/// <summary>
/// The dashboard's own observed instruments on <see cref="DashboardMeter"/>. They are read at scrape time from the
/// cluster connection, so nothing is counted twice and a scrape always sees the current state. Labels carry kinds
/// only, never object names. (Writes are counted by <see cref="Kube.Writes.PolicyWriteMetrics"/>, recomputes by
/// <see cref="Analysis.ReachabilityAnalysis"/>, on the same meter.)
/// </summary>
public sealed class DashboardInstruments
{
    public const string MeterName = DashboardMeter.Name;

    private long _openCircuits;

    public DashboardInstruments(IMeterFactory meterFactory, IClusterSnapshotSource source, IServiceProvider services, TimeProvider time)
    {
        // The meter belongs to the factory (disposed with the host), not to this class.
        Meter = meterFactory.Create(MeterName);
        Meter.CreateObservableUpDownCounter("open_circuits", () => Interlocked.Read(ref _openCircuits), unit: "{circuit}",
            description: "Blazor circuits (open browser tabs) on this replica.");
        Meter.CreateObservableGauge("snapshot_version", () => source.Current.Version,
            description: "Version of the cluster snapshot the pages show; it grows with every change seen.");
        Meter.CreateObservableCounter("informer_restarts_total", () => Restarts(services), unit: "{restart}",
            description: "Times an informer had to list again: the watch expired (410 Gone) or the watchdog found it silent.");
        Meter.CreateObservableGauge("informer_lag_seconds", () => Lag(services, time), unit: "s",
            description: "Seconds since the informer last heard from the API server for this kind (a list page, a watch " +
                         "accepted, a watch event or a bookmark). Stays below the bookmark interval while the watch is healthy.");
    }

    public Meter Meter { get; }

    public void CircuitOpened() => Interlocked.Increment(ref _openCircuits);

    public void CircuitClosed() => Interlocked.Decrement(ref _openCircuits);

    /// <summary>Only a store that already runs is asked: creating it from a scrape would start the informers.</summary>
    private static ClusterSnapshotStore? RunningStore(IServiceProvider services) =>
        services.GetService<ClusterSnapshotStoreHolder>() is { BaseUri: not null } holder ? holder.Store : null;

    private static IEnumerable<Measurement<long>> Restarts(IServiceProvider services) =>
        RunningStore(services) is { } store
            ? store.Counters.Select(c => new Measurement<long>(c.Value.Relists + c.Value.WatchdogRestarts, Kind(c.Key)))
            : [];

    private static IEnumerable<Measurement<double>> Lag(IServiceProvider services, TimeProvider time)
    {
        if (RunningStore(services) is not { } store) return [];
        var now = time.GetUtcNow();
        return store.LastHeard.Select(h => new Measurement<double>(Math.Max(0, (now - h.Value).TotalSeconds), Kind(h.Key)));
    }

    private static KeyValuePair<string, object?> Kind(string kind) => new("kind", kind);
}
