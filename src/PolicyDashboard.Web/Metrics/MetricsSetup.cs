using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace PolicyDashboard.Web.Metrics;

/// <summary>
/// Prometheus metrics through prometheus-net: HTTP requests (its ASP.NET Core middleware), the process and runtime
/// (its .NET collector: GC collections, memory, threads, CPU) and the dashboard's own instruments on
/// <see cref="DashboardInstruments.MeterName"/> (its MeterAdapter).
/// </summary>
public static class MetricsSetup
{
    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DashboardInstruments>();
        services.TryAddSingleton<PrometheusMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenCircuitsHandler>());
        return services;
    }

    /// <summary>Counts HTTP requests by route pattern, method and status code. Call it before mapping endpoints.</summary>
    public static WebApplication UseDashboardHttpMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<PrometheusMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        return app;
    }

    /// <summary>
    /// <c>/metrics</c> on the application port and without sign-in: Prometheus scrapes without a browser session.
    /// The series carry counts, durations, routes and object kinds, never object names or user identities; the
    /// dashboard's NetworkPolicy decides who may reach the port at all.
    /// </summary>
    public static IEndpointRouteBuilder MapDashboardMetrics(this IEndpointRouteBuilder endpoints)
    {
        var metrics = endpoints.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        endpoints.MapMetrics(settings => settings.Registry = metrics.Registry)
            .AllowAnonymous();
        return endpoints;
    }
}
