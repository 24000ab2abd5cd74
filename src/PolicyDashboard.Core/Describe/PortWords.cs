using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Describe;

/// <summary>
/// A rule's compiled ports in words, prefixed with "on". Cases from the API reference: no ports ⇒ "this rule matches
/// all ports"; a protocol without a port ⇒ "matches all port names and numbers" of that protocol; protocol omitted ⇒
/// TCP; endPort ⇒ "the range of ports from port to endPort, inclusive"; a named port resolves on the destination pod's
/// container ports (NetworkPolicy: with the same protocol; ANP namedPort: the container port's protocol).
/// </summary>
public static class PortWords
{
    public static string Of(PortMatcher ports) => ports switch
    {
        AllPorts => "on all ports",
        AnyPort any => "on " + string.Join(", ", any.Ports.Select(One)),
        _ => "on " + One(ports),
    };

    private static string One(PortMatcher port) => port switch
    {
        AllPorts => "all ports",
        AllPortsOfProtocol p => $"all {p.Protocol} ports",
        SpecificPort p => $"port {p.Port}/{p.Protocol}",
        PortRange r => $"ports {r.Start}-{r.End}/{r.Protocol}",
        NamedPort { Protocol: { } protocol } n => $"the port named \"{n.Name}\" ({protocol}) of the destination pod",
        NamedPort n => $"the port named \"{n.Name}\" of the destination pod (with its declared protocol)",
        NoPorts none => $"no port ({none.Reason})",
        AnyPort any => string.Join(", ", any.Ports.Select(One)),
        _ => port.ToString() ?? "",
    };
}
