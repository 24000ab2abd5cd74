using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>How a service port lands on one pod: the container port number, or why it does not resolve.</summary>
public sealed record TargetPortResolution(int? Port, string? Container, string? Problem)
{
    public bool Resolved => Port is not null;
}

/// <summary>One backing pod of a service, with each service port resolved on it (in the service's port order).</summary>
public sealed record BackingPod(PodInfo Pod, IReadOnlyList<TargetPortResolution> Ports, string? NotAnEndpointBecause);

/// <summary>Which pods a service sends to and on which ports, and who routes to the service.</summary>
public static class ServiceRelations
{
    /// <summary>
    /// ServiceSpec.selector: "Route service traffic to pods with label keys and values matching this selector. If
    /// empty or not present, the service is assumed to have an external process managing its endpoints, which
    /// Kubernetes will not modify." Only pods of the service's own namespace are candidates.
    /// </summary>
    public static bool Selects(ServiceInfo service, PodInfo pod)
    {
        if (service.Selector is not { Count: > 0 } selector) return false;
        if (!string.Equals(service.Namespace, pod.Namespace, StringComparison.Ordinal)) return false;
        foreach (var (key, value) in selector)
            if (!pod.Labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal)) return false;
        return true;
    }

    public static IReadOnlyList<PodInfo> SelectedPods(ClusterSnapshot snapshot, ServiceInfo service)
    {
        if (service.Selector is not { Count: > 0 }) return [];
        var pods = snapshot.Pods.Values.Where(p => Selects(service, p)).ToList();
        pods.Sort(Compare.Natural<PodInfo>(p => p.Name));
        return pods;
    }

    public static IReadOnlyList<BackingPod> BackingPods(ClusterSnapshot snapshot, ServiceInfo service) =>
        SelectedPods(snapshot, service)
            .Select(p => new BackingPod(p, service.Ports.IsDefault ? [] : service.Ports.Select(sp => ResolveTargetPort(sp, p)).ToList(), NotAnEndpointBecause(p)))
            .ToList();

    /// <summary>The services in the pod's namespace whose selector matches its labels, by name.</summary>
    public static IReadOnlyList<ServiceInfo> ServicesSelecting(ClusterSnapshot snapshot, PodInfo pod)
    {
        var services = snapshot.Services.Values.Where(s => Selects(s, pod)).ToList();
        services.Sort(Compare.Natural<ServiceInfo>(s => s.Name));
        return services;
    }

    /// <summary>
    /// ServicePort.targetPort: "Number or name of the port to access on the pods targeted by the service. ... If
    /// this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not
    /// specified, the value of the 'port' field is used." The endpoints controller's lookup (podutil.FindPort)
    /// also requires the container port's protocol to equal the service port's.
    /// </summary>
    public static TargetPortResolution ResolveTargetPort(ServicePortInfo servicePort, PodInfo pod)
    {
        var target = servicePort.TargetPort;
        if (target.Number is { } number) return new(number, ContainerWithPort(pod, number, servicePort.Protocol), null);
        if (string.IsNullOrEmpty(target.Name)) return new(servicePort.Port, ContainerWithPort(pod, servicePort.Port, servicePort.Protocol), null);

        if (!pod.Ports.IsDefault)
            foreach (var cp in pod.Ports)
                if (string.Equals(cp.Name, target.Name, StringComparison.Ordinal) && cp.Protocol == servicePort.Protocol)
                    return new(cp.Port, cp.Container, null);

        var sameNameOtherProtocol = !pod.Ports.IsDefault && pod.Ports.Any(cp => string.Equals(cp.Name, target.Name, StringComparison.Ordinal));
        return new(null, null, sameNameOtherProtocol
            ? $"container port \"{target.Name}\" is not {servicePort.Protocol}"
            : $"no container port named \"{target.Name}\"");
    }

    /// <summary>
    /// The endpoints controller leaves out pods that have no IP yet and pods that have terminated (Succeeded or
    /// Failed); they are selected but receive no traffic.
    /// </summary>
    public static string? NotAnEndpointBecause(PodInfo pod) =>
        pod.Phase is "Succeeded" or "Failed" ? $"pod has terminated ({pod.Phase})"
        : !pod.HasIp ? "pod has no IP yet"
        : null;

    /// <summary>Ingresses in the service's namespace with at least one route to it.</summary>
    public static IReadOnlyList<IngressInfo> IngressesRoutingTo(ClusterSnapshot snapshot, ServiceInfo service) =>
        snapshot.Ingresses.Values
            .Where(i => i.Namespace == service.Namespace && !i.Routes.IsDefault &&
                        i.Routes.Any(r => string.Equals(r.ServiceName, service.Name, StringComparison.Ordinal)))
            .OrderBy(i => i.Name, NaturalStringComparer.Instance)
            .ToList();

    private static string? ContainerWithPort(PodInfo pod, int port, Protocol protocol)
    {
        if (pod.Ports.IsDefault) return null;
        foreach (var cp in pod.Ports)
            if (cp.Port == port && cp.Protocol == protocol) return cp.Container;
        return null;
    }
}
