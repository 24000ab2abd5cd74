using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Pods that no policy can tell apart: same namespace, same values for every label key some pod selector reads,
/// same resolution of every port name some policy uses, same IP-set signatures, same hostNetwork/IP presence (and,
/// for hostNetwork pods, the same node). Every verdict about one member holds for all of them.
/// </summary>
public sealed class PodClass
{
    internal PodClass(int id, string ns, Labels labels, PodInfo representative, ImmutableArray<ContainerPort> namedPorts, ImmutableArray<IpAddr> ips, int[] ipSignatures)
    {
        Id = id;
        Namespace = ns;
        Labels = labels;
        Representative = representative;
        NamedPorts = namedPorts;
        Ips = ips;
        IpSignatures = ipSignatures;
    }

    public int Id { get; }
    public string Namespace { get; }
    /// <summary>The representative's labels restricted to the keys selectors read.</summary>
    public Labels Labels { get; }
    public PodInfo Representative { get; }
    public bool HostNetwork => Representative.HostNetwork;
    /// <summary>The representative's parsed addresses (unparsable ones dropped, duplicates removed).</summary>
    public ImmutableArray<IpAddr> Ips { get; }
    /// <summary>"A pod without an IP cannot be reached, and nothing it sends can be matched."</summary>
    public bool HasIp => !Ips.IsEmpty || Representative.AddressUnknown;
    /// <summary>Container ports whose names some policy uses.</summary>
    public ImmutableArray<ContainerPort> NamedPorts { get; }
    internal int[] IpSignatures { get; }
    /// <summary>Indexes into <see cref="ClassPartition.Pods"/>.</summary>
    public ImmutableArray<int> Members { get; internal set; } = [];

    internal PodClass WithMembers(ImmutableArray<int> members) =>
        new(Id, Namespace, Labels, Representative, NamedPorts, Ips, IpSignatures) { Members = members };

    /// <summary>
    /// A named port resolves on the destination pod to the container port with that name; NetworkPolicy also
    /// requires the protocol to match ("must match protocol"), ANP namedPort takes the container port's protocol.
    /// </summary>
    public PortSet Resolve(string name, Protocol? protocol)
    {
        var result = PortSet.Empty;
        foreach (var p in NamedPorts)
            if (p.Name == name && (protocol is null || p.Protocol == protocol))
                result = result.Union(PortSet.Single(p.Protocol, p.Port));
        return result;
    }
}
