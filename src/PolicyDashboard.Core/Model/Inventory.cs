using System.Collections.Immutable;

namespace PolicyDashboard.Core.Model;

public sealed record NamespaceInfo(ObjectMeta Meta, string Phase = "Active")
{
    public string Name => Meta.Name;
    public Labels Labels => Meta.Labels;
}

/// <summary>A container port as declared in the pod spec; <see cref="Name"/> is what named NetworkPolicy ports resolve against.</summary>
public readonly record struct ContainerPort(string? Name, int Port, Protocol Protocol = Protocol.TCP, string? Container = null);

/// <summary>The workload a pod belongs to, resolved through owner references (ReplicaSet → Deployment when the name allows it).</summary>
public readonly record struct WorkloadRef(string Kind, string Name)
{
    public override string ToString() => $"{Kind}/{Name}";
}

public sealed record PodInfo(
    ObjectMeta Meta,
    ImmutableArray<string> Ips,
    ImmutableArray<ContainerPort> Ports,
    bool HostNetwork = false,
    string Phase = "Running",
    string? NodeName = null,
    WorkloadRef? Owner = null,
    int Restarts = 0,
    bool AddressUnknown = false)
{
    public string Name => Meta.Name;
    public string Namespace => Meta.Namespace ?? "";
    public Labels Labels => Meta.Labels;
    public ObjectKey Key => Meta.Key;
    /// <summary>Pods without an IP cannot be reached (and send nothing that could be matched by IP).</summary>
    public bool HasIp => !Ips.IsDefaultOrEmpty;

    /// <summary>
    /// A pod that has an address we do not know: a manifest pod written without <c>status.podIP</c> (CI input is
    /// specs, not live objects). Such a pod is reachable and selectable like any running pod, but no ipBlock or
    /// networks peer can match it, since its address is unknown ("ipBlock … should be cluster-external IPs, since
    /// Pod IPs are ephemeral and unpredictable" — NetworkPolicy concepts). A live cluster's pod without an IP
    /// (Pending) stays unreachable.
    /// </summary>
    public bool Addressable => HasIp || AddressUnknown;
}

public sealed record NodeInfo(ObjectMeta Meta, ImmutableArray<string> Ips)
{
    public string Name => Meta.Name;
    public Labels Labels => Meta.Labels;
}

public sealed record ServicePortInfo(string? Name, int Port, Protocol Protocol, IntOrString TargetPort, int? NodePort = null);

public sealed record ServiceInfo(
    ObjectMeta Meta,
    string Type,
    Labels? Selector,
    ImmutableArray<string> ClusterIps,
    ImmutableArray<ServicePortInfo> Ports)
{
    public string Name => Meta.Name;
    public string Namespace => Meta.Namespace ?? "";
    public ObjectKey Key => Meta.Key;
}

/// <summary>The endpoints of a service as EndpointSlices list them (ready addresses and the pods behind them).</summary>
public sealed record EndpointSliceInfo(
    ObjectMeta Meta,
    string? ServiceName,
    ImmutableArray<EndpointInfo> Endpoints,
    ImmutableArray<ServicePortInfo> Ports);

public readonly record struct EndpointInfo(ImmutableArray<string> Addresses, bool Ready, ObjectKey? TargetPod);

public sealed record IngressInfo(ObjectMeta Meta, string? IngressClassName, ImmutableArray<IngressRouteInfo> Routes, ImmutableArray<string> TlsHosts)
{
    public string Name => Meta.Name;
    public string Namespace => Meta.Namespace ?? "";
    public ObjectKey Key => Meta.Key;
}

/// <summary>One host/path → backend service port of an Ingress (the default backend has Host and Path null).</summary>
public sealed record IngressRouteInfo(string? Host, string? Path, string? PathType, string ServiceName, IntOrString ServicePort);
