using System.Diagnostics.Metrics;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>Creates plain meters, disposed with the factory.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
