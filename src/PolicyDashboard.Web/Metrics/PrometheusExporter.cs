using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace PolicyDashboard.Web.Metrics;

/// <summary>
/// Collects .NET meters in process and writes them in the Prometheus text format (version 0.0.4). Listens to
/// this host's ASP.NET Core HTTP meters and the dashboard's own (by meter scope, so several hosts in one process
/// keep apart) and to the process-wide <c>System.Runtime</c> meter. Counters and up-down counters are summed per
/// label set, observable instruments read at scrape time, histograms exposed as count and sum.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly HashSet<string> HostMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", DashboardInstruments.MeterName];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();
    private readonly Lock _scrapeLock = new();

    public PrometheusExporter(IMeterFactory meterFactory, DashboardInstruments instruments)
    {
        _ = instruments; // created first so its meter is published to the listener below
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            var ours = HostMeters.Contains(meter.Name) && ReferenceEquals(meter.Scope, meterFactory);
            if (ours || meter.Name == "System.Runtime")
                listener.EnableMeasurementEvents(instrument, _series.GetOrAdd(instrument, i => new Series(i)));
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => ((Series)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => ((Series)state!).Record(v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => ((Series)state!).Record(v, tags));
        _listener.Start();
    }

    public string Scrape()
    {
        var text = new StringBuilder();
        lock (_scrapeLock)
        {
            foreach (var series in _series.Values) series.BeginObservation();
            _listener.RecordObservableInstruments();
            foreach (var series in _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal)) series.Write(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Series(Instrument instrument)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (double Value, double Sum, long Count)> _values = new(StringComparer.Ordinal);
        private readonly bool _observable = instrument.IsObservable;
        private readonly bool _histogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
        private readonly bool _monotonic = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ||
                                           instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);

        public string Name { get; } = PrometheusName(instrument);

        public void BeginObservation()
        {
            // Observable instruments report current values: an object kind that vanished must vanish here too.
            if (_observable)
                lock (_lock) _values.Clear();
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            lock (_lock)
            {
                _values.TryGetValue(labels, out var current);
                _values[labels] = _observable
                    ? (value, 0, 0)
                    : (current.Value + value, current.Sum + value, current.Count + 1);
            }
        }

        public void Write(StringBuilder text)
        {
            lock (_lock)
            {
                if (instrument.Description is { Length: > 0 } help)
                    text.Append("# HELP ").Append(Name).Append(' ').Append(help.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
                text.Append("# TYPE ").Append(Name).Append(' ')
                    .Append(_histogram ? "summary" : _monotonic ? "counter" : "gauge").Append('\n');
                foreach (var (labels, value) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
                {
                    if (_histogram)
                    {
                        Sample(text, Name + "_sum", labels, value.Sum);
                        Sample(text, Name + "_count", labels, value.Count);
                    }
                    else
                    {
                        Sample(text, Name, labels, value.Value);
                    }
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, double value) =>
            text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0) return "";
            var pairs = new List<string>(tags.Length);
            foreach (var (key, value) in tags)
            {
                var escaped = Convert.ToString(value, CultureInfo.InvariantCulture)?
                    .Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") ?? "";
                pairs.Add($"{Sanitize(key)}=\"{escaped}\"");
            }

            pairs.Sort(StringComparer.Ordinal);
            return "{" + string.Join(",", pairs) + "}";
        }

        private static string PrometheusName(Instrument instrument)
        {
            var name = Sanitize(instrument.Name);
            if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal)) name += "_seconds";
            if (instrument.Unit == "By" && !name.EndsWith("_bytes", StringComparison.Ordinal)) name += "_bytes";
            var monotonic = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ||
                            instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal);
            if (monotonic && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
            return name;
        }

        private static string Sanitize(string name)
        {
            var chars = name.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
                if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_' || (chars[i] == ':' && i > 0))) chars[i] = '_';
            return chars.Length > 0 && char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
        }
    }
}
