using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// Answers: does traffic to <c>port</c>/<c>protocol</c> on <c>destination</c> fall under the rule's ports?
/// The destination is needed for named ports, which resolve on the destination pod.
/// </summary>
public abstract record PortMatcher
{
    private protected PortMatcher() { }

    public abstract bool Matches(int port, Protocol protocol, EndpointFacts destination);
}

/// <summary>
/// ports omitted or empty: "If this field is empty or missing, this rule matches all ports (traffic not restricted by
/// port)" (NetworkPolicy); "If unspecified, protocol-specific attributes will not be used to match traffic" (ANP/CNP).
/// </summary>
public sealed record AllPorts : PortMatcher
{
    public static readonly AllPorts Instance = new();
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination) => true;
    public override string ToString() => "all ports";
}

/// <summary>A port entry that could not be compiled: it matches no traffic.</summary>
public sealed record NoPorts(string Reason) : PortMatcher
{
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination) => false;
    public override string ToString() => $"no port ({Reason})";
}

/// <summary>NetworkPolicyPort with a protocol and no port: "If this field is not provided, this matches all port names and numbers" of that protocol.</summary>
public sealed record AllPortsOfProtocol(Protocol Protocol) : PortMatcher
{
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination) => protocol == Protocol;
    public override string ToString() => $"all {Protocol} ports";
}

/// <summary>A numeric port; the protocol "defaults to TCP" when a NetworkPolicyPort or ANP port omits it.</summary>
public sealed record SpecificPort(Protocol Protocol, int Port) : PortMatcher
{
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination) => protocol == Protocol && port == Port;
    public override string ToString() => $"{Port}/{Protocol}";
}

/// <summary>
/// port..endPort (NetworkPolicy: "endPort indicates that the range of ports from port to endPort if set, inclusive,
/// should be allowed") and ANP portRange (start..end, inclusive).
/// </summary>
public sealed record PortRange(Protocol Protocol, int Start, int End) : PortMatcher
{
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination) =>
        protocol == Protocol && port >= Start && port <= End;
    public override string ToString() => $"{Start}-{End}/{Protocol}";
}

/// <summary>
/// A named port resolves on the destination pod: the traffic's port must be the number of a container port with that
/// name. NetworkPolicy: the container port's protocol must equal the NetworkPolicyPort's protocol (default TCP), which
/// must equal the traffic's. ANP namedPort has no protocol of its own (<see cref="Protocol"/> null): the container
/// port's protocol must equal the traffic's. Endpoints that are not pods have no named ports.
/// </summary>
public sealed record NamedPort(string Name, Protocol? Protocol) : PortMatcher
{
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination)
    {
        if (Protocol is { } required && required != protocol) return false;
        if (destination.Pod is null) return false;
        foreach (var cp in destination.Pod.Ports)
            if (cp.Port == port && cp.Protocol == protocol && string.Equals(cp.Name, Name, StringComparison.Ordinal)) return true;
        return false;
    }

    public override string ToString() => Protocol is { } p ? $"{Name}/{p}" : Name;
}

/// <summary>A list of port entries: traffic matches if it matches any of them.</summary>
public sealed record AnyPort(ImmutableArray<PortMatcher> Ports) : PortMatcher
{
    public override bool Matches(int port, Protocol protocol, EndpointFacts destination)
    {
        foreach (var p in Ports)
            if (p.Matches(port, protocol, destination)) return true;
        return false;
    }

    public override string ToString() => string.Join(", ", Ports);
}
