using System.Collections.Immutable;
using k8s.Models;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Convert;

/// <summary>Namespaces, nodes, services, endpoint slices and ingresses → slim model records.</summary>
public static class InventoryConverter
{
    /// <summary>
    /// The API server sets the immutable label <c>kubernetes.io/metadata.name</c> on every namespace (since 1.21,
    /// NamespaceDefaultLabelName); manifests usually omit it, so it is added when missing. Policies select
    /// namespaces by it.
    /// </summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    public static NamespaceInfo ToModel(V1Namespace ns)
    {
        var meta = MetaConverter.ToModel(ns.Metadata, namespaced: false);
        return new NamespaceInfo(WithNameLabel(meta), ns.Status?.Phase ?? "Active");
    }

    internal static Core.Model.ObjectMeta WithNameLabel(Core.Model.ObjectMeta meta) =>
        meta.Labels.ContainsKey(NamespaceNameLabel) || meta.Name.Length == 0
            ? meta
            : meta with { Labels = meta.Labels.With(NamespaceNameLabel, meta.Name) };

    /// <summary>Node IPs are the IP-typed entries of status.addresses (InternalIP first); ANP/CNP `nodes` peers match them.</summary>
    public static NodeInfo ToModel(V1Node node)
    {
        var addresses = node.Status?.Addresses ?? [];
        var ips = addresses.Where(a => a?.Type == "InternalIP")
            .Concat(addresses.Where(a => a?.Type == "ExternalIP"))
            .Select(a => a.Address)
            .Where(a => !string.IsNullOrEmpty(a))
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        return new NodeInfo(MetaConverter.ToModel(node.Metadata, namespaced: false), ips);
    }

    public static ServiceInfo ToModel(V1Service service, string? defaultNamespace = null)
    {
        var spec = service.Spec;
        // spec.clusterIPs supersedes clusterIP (dual stack); "None" marks a headless service and is no address.
        var ips = (spec?.ClusterIPs is { Count: > 0 } list ? list : spec?.ClusterIP is { } one ? [one] : [])
            .Where(ip => !string.IsNullOrEmpty(ip) && ip != "None")
            .ToImmutableArray();
        return new ServiceInfo(
            MetaConverter.ToModel(service.Metadata, namespaced: true, defaultNamespace),
            spec?.Type ?? "ClusterIP",
            spec?.Selector is null ? null : Labels.From(spec.Selector),
            ips,
            MetaConverter.Map(spec?.Ports, p => new ServicePortInfo(
                p.Name,
                p.Port,
                ParseProtocol(p.Protocol),
                // targetPort defaults to the value of port (ServicePort API reference).
                MetaConverter.ToModel(p.TargetPort) ?? Core.Model.IntOrString.Of(p.Port),
                p.NodePort)));
    }

    public static EndpointSliceInfo ToModel(V1EndpointSlice slice, string? defaultNamespace = null)
    {
        var meta = MetaConverter.ToModel(slice.Metadata, namespaced: true, defaultNamespace);
        meta.Labels.TryGetValue("kubernetes.io/service-name", out var serviceName);
        return new EndpointSliceInfo(
            meta,
            serviceName,
            MetaConverter.Map(slice.Endpoints, e => new EndpointInfo(
                e.Addresses is null ? ImmutableArray<string>.Empty : [.. e.Addresses],
                // "ready ... nil should be interpreted as true" (EndpointConditions API reference).
                e.Conditions?.Ready ?? true,
                e.TargetRef is { Kind: "Pod" } r ? new ObjectKey(r.NamespaceProperty ?? meta.Namespace ?? "", r.Name ?? "") : null)),
            MetaConverter.Map(slice.Ports, p => new ServicePortInfo(
                p.Name,
                p.Port ?? 0,
                ParseProtocol(p.Protocol),
                Core.Model.IntOrString.Of(p.Port ?? 0))));
    }

    public static IngressInfo ToModel(V1Ingress ingress, string? defaultNamespace = null)
    {
        var spec = ingress.Spec;
        var routes = ImmutableArray.CreateBuilder<IngressRouteInfo>();
        if (spec?.DefaultBackend?.Service is { } def)
            routes.Add(new IngressRouteInfo(null, null, null, def.Name ?? "", BackendPort(def.Port)));
        foreach (var rule in spec?.Rules ?? [])
        {
            foreach (var path in rule?.Http?.Paths ?? [])
            {
                if (path?.Backend?.Service is not { } svc) continue; // resource backends point at no service
                routes.Add(new IngressRouteInfo(rule!.Host, path.Path, path.PathType, svc.Name ?? "", BackendPort(svc.Port)));
            }
        }

        return new IngressInfo(
            MetaConverter.ToModel(ingress.Metadata, namespaced: true, defaultNamespace),
            spec?.IngressClassName,
            routes.ToImmutable(),
            (spec?.Tls ?? []).SelectMany(t => t?.Hosts ?? []).Where(h => h is not null).Distinct(StringComparer.Ordinal).ToImmutableArray());
    }

    private static Core.Model.IntOrString BackendPort(V1ServiceBackendPort? port) =>
        port?.Number is { } n ? Core.Model.IntOrString.Of(n) : Core.Model.IntOrString.Of(port?.Name ?? "");

    /// <summary>Protocol defaults to TCP where the API defaults it; an unknown value also maps to TCP (validation reports it on policies).</summary>
    internal static Protocol ParseProtocol(string? protocol) =>
        ProtocolNames.TryParse(protocol, out var p) ? p : Protocol.TCP;
}
