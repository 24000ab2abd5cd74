using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Metrics;

namespace PolicyDashboard.Web.Tests.Metrics;

public sealed class PrometheusExporterTests
{
    private sealed class FixedSource(long version) : IClusterSnapshotSource
    {
        public ClusterSnapshot Current { get; } = ClusterSnapshot.Empty with { Version = version };

        public ConnectionStatus Status { get; } = new(ConnectionState.Live, DateTimeOffset.UnixEpoch, null, ImmutableArray<KindProgress>.Empty);

        public async IAsyncEnumerable<ClusterSnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield return Current;
        }
    }

    private static ServiceProvider Services(long version = 7) =>
        new ServiceCollection()
            .AddSingleton<IClusterSnapshotSource>(new FixedSource(version))
            .AddDashboardMetrics()
            .BuildServiceProvider();

    private static string[] Samples(string text) =>
        text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void Scrape_OwnInstruments_WrittenWithPrometheusTypesAndLabels()
    {
        using var services = Services(version: 42);
        var exporter = services.GetRequiredService<PrometheusExporter>();
        var instruments = services.GetRequiredService<DashboardInstruments>();
        var applies = instruments.Meter.CreateCounter<long>("policydash.test.applies");
        var duration = instruments.Meter.CreateHistogram<double>("policydash.test.recompute", unit: "s");

        applies.Add(2, new KeyValuePair<string, object?>("result", "ok"));
        applies.Add(3, new KeyValuePair<string, object?>("result", "ok"));
        applies.Add(1, new KeyValuePair<string, object?>("result", "say \"no\""));
        duration.Record(0.25);
        duration.Record(0.5);
        instruments.CircuitOpened();
        instruments.CircuitOpened();
        instruments.CircuitClosed();
        var text = exporter.Scrape();
        var samples = Samples(text);

        Assert.Contains("# TYPE policydash_test_applies_total counter", text);
        Assert.Contains("policydash_test_applies_total{result=\"ok\"} 5", samples);
        Assert.Contains("policydash_test_applies_total{result=\"say \\\"no\\\"\"} 1", samples);
        Assert.Contains("# TYPE policydash_test_recompute_seconds summary", text);
        Assert.Contains("policydash_test_recompute_seconds_sum 0.75", samples);
        Assert.Contains("policydash_test_recompute_seconds_count 2", samples);
        Assert.Contains("policydash_open_circuits 1", samples);
        Assert.Contains("policydash_snapshot_version 42", samples);
    }

    [Fact]
    public void Scrape_MeterOfAnotherHost_IsNotExported()
    {
        using var services = Services();
        using var other = Services();
        var exporter = services.GetRequiredService<PrometheusExporter>();
        services.GetRequiredService<DashboardInstruments>().CircuitOpened();
        other.GetRequiredService<DashboardInstruments>().CircuitOpened();
        other.GetRequiredService<DashboardInstruments>().CircuitOpened();

        var samples = Samples(exporter.Scrape());

        Assert.Equal(["policydash_open_circuits 1"], samples.Where(s => s.StartsWith("policydash_open_circuits", StringComparison.Ordinal)));
    }
}
