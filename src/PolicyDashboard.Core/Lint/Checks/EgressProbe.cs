using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// NetworkPolicy egress evaluation for one source pod, as the API reference defines it: the source is isolated for
/// egress when a policy of its namespace selects it with Egress in its effective policyTypes; then a connection is
/// allowed when at least one egress rule of those policies matches both destination and port. Peers: podSelector
/// alone = the policy's namespace, namespaceSelector alone = every pod of the matching namespaces, both = AND,
/// ipBlock = addresses inside cidr and outside every except, no peers = any destination. Ports: none = all;
/// protocol defaults to TCP; endPort inclusive; a named port resolves on the destination pod with matching protocol.
/// </summary>
internal sealed class EgressProbe(LintContext context)
{
    public List<NetworkPolicyInfo> EgressPolicies(PodInfo source) =>
        source.HostNetwork
            ? []
            : [.. context.PoliciesIn(source.Namespace).Where(p => LintContext.Affects(p, PolicyType.Egress)
                                                    && context.Compile(p.PodSelector).Matches(source.Labels))];

    public bool EgressAllowed(PodInfo source, PodInfo destination, int port, Protocol protocol)
    {
        var policies = EgressPolicies(source);
        if (policies.Count == 0) return true;
        return policies.Any(p => !p.Egress.IsDefault && p.Egress.Any(rule =>
            PeersMatch(rule, p.Namespace, destination) && PortsMatch(rule, destination, port, protocol)));
    }

    /// <summary>Whether some egress rule allows the port to some destination (by number, or by a range or no ports).</summary>
    public bool EgressAllowsPortAnywhere(PodInfo source, int port, Protocol protocol)
    {
        var policies = EgressPolicies(source);
        if (policies.Count == 0) return true;
        return policies.Any(p => !p.Egress.IsDefault && p.Egress.Any(rule =>
            rule.Ports.IsDefaultOrEmpty || rule.Ports.Any(x => NumericMatch(x, port, protocol))));
    }

    private bool PeersMatch(NetworkPolicyRule rule, string policyNamespace, PodInfo destination)
    {
        if (rule.Peers.IsDefaultOrEmpty) return true;
        foreach (var peer in rule.Peers)
        {
            if (peer.IpBlock is { } block)
            {
                if (IpMatch.Contains(block, destination)) return true;
                continue;
            }
            if (destination.HostNetwork) continue;
            var nsOk = peer.NamespaceSelector is null
                ? destination.Namespace == policyNamespace
                : context.Compile(peer.NamespaceSelector).Matches(context.NamespaceLabels(destination.Namespace));
            var podOk = peer.PodSelector is null || context.Compile(peer.PodSelector).Matches(destination.Labels);
            if (nsOk && podOk) return true;
        }
        return false;
    }

    private static bool PortsMatch(NetworkPolicyRule rule, PodInfo destination, int port, Protocol protocol)
    {
        if (rule.Ports.IsDefaultOrEmpty) return true;
        foreach (var p in rule.Ports)
        {
            if (NumericMatch(p, port, protocol)) return true;
            if (p.Port is { Name: { } name } && ProtocolOf(p) == protocol && !destination.Ports.IsDefault &&
                destination.Ports.Any(cp => cp.Name == name && cp.Protocol == protocol && cp.Port == port))
                return true;
        }
        return false;
    }

    private static bool NumericMatch(NetworkPolicyPort p, int port, Protocol protocol)
    {
        if (ProtocolOf(p) != protocol) return false;
        if (p.Port is null) return true;
        if (p.Port.Value.Number is not { } start) return false;
        return port >= start && port <= (p.EndPort ?? start);
    }

    private static Protocol? ProtocolOf(NetworkPolicyPort p) =>
        p.Protocol is null ? Protocol.TCP : ProtocolNames.TryParse(p.Protocol, out var proto) ? proto : null;
}
