using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability;

/// <summary>
/// What matchers need to know about an endpoint, resolved once: its pod (if any), labels, its namespace's labels,
/// parsed IPs, and the nodes whose addresses it uses (a node IP, or a host-network pod's node).
/// </summary>
public sealed class EndpointFacts
{
    public EndpointFacts(Endpoint endpoint, PodInfo? pod, Labels namespaceLabels, ImmutableArray<IpAddr> ips, ImmutableArray<NodeInfo> nodes)
    {
        Endpoint = endpoint;
        Pod = pod;
        NamespaceLabels = namespaceLabels;
        Ips = ips;
        Nodes = nodes;
    }

    public Endpoint Endpoint { get; }

    /// <summary>The pod, host-network or not; null for an address outside the pod network.</summary>
    public PodInfo? Pod { get; }

    public string? Namespace => Pod?.Namespace;
    public Labels PodLabels => Pod?.Labels ?? Labels.Empty;
    public Labels NamespaceLabels { get; }
    public ImmutableArray<IpAddr> Ips { get; }
    public ImmutableArray<NodeInfo> Nodes { get; }

    /// <summary>
    /// Whether pod and namespace selectors can select this endpoint (as a policy subject or a peer). Host-network pods
    /// are node traffic: "host-networked pods are not included in subject selection" / "in this type of peer" (ANP),
    /// and NetworkPolicy behaviour for them is undefined, so we never select them. External addresses are not pods.
    /// </summary>
    public bool IsSelectablePod => Pod is { HostNetwork: false };

    public bool IsHostNetworkPod => Pod is { HostNetwork: true };

    /// <summary>
    /// A pod without an IP cannot be reached, and nothing it sends can be matched. A pod whose address is merely
    /// unknown (<see cref="PodInfo.AddressUnknown"/>) counts as having one; it just matches no address peer.
    /// </summary>
    public bool HasIp => !Ips.IsDefaultOrEmpty || Pod is { AddressUnknown: true };

    public override string ToString() => Endpoint.ToString();
}
