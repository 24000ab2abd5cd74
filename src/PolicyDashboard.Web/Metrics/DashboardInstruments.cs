using System.Diagnostics.Metrics;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Metrics;

/// <summary>
/// The dashboard's own instruments. Observed at scrape time from the cluster connection, so nothing is counted
/// twice and a scrape always sees the current state. Labels carry kinds only, never object names.
/// </summary>
public sealed class DashboardInstruments : IDisposable
{
    public const string MeterName = "PolicyDashboard";

    private readonly UpDownCounter<long> _openCircuits;

    public DashboardInstruments(IMeterFactory meterFactory, IClusterSnapshotSource source, IServiceProvider services)
    {
        Meter = meterFactory.Create(MeterName);
        _openCircuits = Meter.CreateUpDownCounter<long>("policydash_open_circuits", description: "Blazor circuits (open browser tabs) on this replica.");
        Meter.CreateObservableGauge("policydash_snapshot_version", () => source.Current.Version,
            description: "Version of the cluster snapshot the pages show; it grows with every change seen.");
        Meter.CreateObservableCounter("policydash_informer_restarts_total", () => Restarts(services),
            description: "Times an informer had to list again: the watch expired (410 Gone) or the watchdog found it silent.");
    }

    public Meter Meter { get; }

    public void CircuitOpened() => _openCircuits.Add(1);

    public void CircuitClosed() => _openCircuits.Add(-1);

    private static IEnumerable<Measurement<long>> Restarts(IServiceProvider services)
    {
        // Only a store that already runs is asked: creating it from a scrape would start the informers.
        if (services.GetService<ClusterSnapshotStoreHolder>() is not { BaseUri: not null } holder)
            return [];
        return holder.Store.Counters.Select(c =>
            new Measurement<long>(c.Value.Relists + c.Value.WatchdogRestarts, new KeyValuePair<string, object?>("kind", c.Key)));
    }

    public void Dispose() => Meter.Dispose();
}
