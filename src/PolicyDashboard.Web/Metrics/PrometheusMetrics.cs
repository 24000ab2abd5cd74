using System.Diagnostics.Metrics;
using Prometheus;

namespace PolicyDashboard.Web.Metrics;

/// <summary>
/// This host's prometheus-net registry. It is the host's own, not prometheus-net's process-wide default, so that
/// several hosts in one process (tests) keep their series apart: the MeterAdapter takes only the instruments of this
/// host's <see cref="IMeterFactory"/>.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    /// <summary>Recompute durations are milliseconds on small clusters and around a second at the largest scale.</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly IDisposable _meterAdapter;

    public PrometheusMetrics(IMeterFactory meterFactory, DashboardInstruments instruments)
    {
        _ = instruments; // its observed instruments exist before the adapter starts listening
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        DotNetStats.Register(Registry);
        _meterAdapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = Factory,
            InstrumentFilterPredicate = i => i.Meter.Name == DashboardInstruments.MeterName && ReferenceEquals(i.Meter.Scope, meterFactory),
            ResolveHistogramBuckets = _ => DurationBuckets,
            // The adapter forgets a series that was not updated for this long (at most a day). Observed instruments
            // are updated by every scrape and never expire; only the recompute histogram can, after a day without
            // any cluster change, and it comes back with the next change.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public void Dispose() => _meterAdapter.Dispose();
}
