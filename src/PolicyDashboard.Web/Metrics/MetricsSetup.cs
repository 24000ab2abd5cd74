using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PolicyDashboard.Web.Metrics;

public static class MetricsSetup
{
    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<DashboardInstruments>();
        services.TryAddSingleton<PrometheusExporter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenCircuitsHandler>());
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> on the application port and without sign-in: Prometheus scrapes without a browser session.
    /// The series carry counts, durations, routes and object kinds, never object names or user identities; the
    /// dashboard's NetworkPolicy decides who may reach the port at all.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Resolve now so HTTP metrics are collected from the first request, not from the first scrape.
        _ = endpoints.ServiceProvider.GetRequiredService<PrometheusExporter>();
        endpoints.MapGet("/metrics", (PrometheusExporter exporter) =>
                Results.Text(exporter.Scrape(), "text/plain; version=0.0.4; charset=utf-8"))
            .ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }
}
