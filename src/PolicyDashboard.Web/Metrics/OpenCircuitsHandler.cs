using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PolicyDashboard.Web.Metrics;

/// <summary>Counts circuits for <c>policydash_open_circuits</c>; one handler per circuit.</summary>
internal sealed class OpenCircuitsHandler(DashboardInstruments instruments) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        instruments.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        instruments.CircuitClosed();
        return Task.CompletedTask;
    }
}
