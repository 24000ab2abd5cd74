using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>One route of an ingress with the service and service port it resolves to in the snapshot (null when missing).</summary>
public sealed record IngressBackend(IngressRouteInfo Route, ServiceInfo? Service, ServicePortInfo? Port)
{
    public string? Problem =>
        Service is null ? $"service \"{Route.ServiceName}\" does not exist"
        : Port is null ? $"service \"{Route.ServiceName}\" has no port {Route.ServicePort}"
        : null;
}

public static class IngressRelations
{
    /// <summary>
    /// IngressServiceBackend: "name is the referenced service. The service must exist in the same namespace as the
    /// Ingress object"; its port is given by number or by the service port's name.
    /// </summary>
    public static IReadOnlyList<IngressBackend> Backends(ClusterSnapshot snapshot, IngressInfo ingress)
    {
        if (ingress.Routes.IsDefault) return [];
        return ingress.Routes.Select(route =>
        {
            snapshot.Services.TryGetValue(new ObjectKey(ingress.Namespace, route.ServiceName), out var service);
            var port = service is null || service.Ports.IsDefault ? null : service.Ports.FirstOrDefault(p =>
                route.ServicePort.Number is { } n ? p.Port == n : string.Equals(p.Name, route.ServicePort.Name, StringComparison.Ordinal));
            return new IngressBackend(route, service, port);
        }).ToList();
    }
}
