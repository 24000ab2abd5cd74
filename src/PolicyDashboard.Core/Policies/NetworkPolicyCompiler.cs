using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy → <see cref="CompiledNetworkPolicy"/>, following the API reference
/// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/). Invalid parts match
/// nothing and are returned as <see cref="CompileIssue"/>s.
/// </summary>
public static class NetworkPolicyCompiler
{
    public static CompiledNetworkPolicy Compile(NetworkPolicyInfo policy, ImmutableArray<CompileIssue>.Builder issues)
    {
        var reference = PolicyRef.For(policy);
        var parts = new PolicyPartsCompiler(reference, issues);
        var podSelector = parts.Selector(policy.PodSelector, "spec.podSelector");

        // policyTypes: "If this field is not specified, it will default based on the existence of ingress or egress
        // rules; policies that contain an egress section are assumed to affect egress, and all policies (whether or not
        // they contain an ingress section) are assumed to affect ingress." The API server defaults an empty list too.
        bool ingress, egress;
        if (policy.PolicyTypes is not { IsDefaultOrEmpty: false } types)
        {
            ingress = true;
            egress = !policy.Egress.IsDefaultOrEmpty;
        }
        else
        {
            ingress = types.Contains(PolicyType.Ingress);
            egress = types.Contains(PolicyType.Egress);
        }

        return new CompiledNetworkPolicy(reference, policy.Namespace, podSelector, ingress, egress,
            Rules(policy.Ingress, Direction.Ingress, policy.Namespace, parts),
            Rules(policy.Egress, Direction.Egress, policy.Namespace, parts))
        { Source = policy };
    }

    private static ImmutableArray<CompiledRule> Rules(ImmutableArray<NetworkPolicyRule> rules, Direction direction, string ns, PolicyPartsCompiler parts)
    {
        if (rules.IsDefaultOrEmpty) return ImmutableArray<CompiledRule>.Empty;
        var dir = direction == Direction.Ingress ? "ingress" : "egress";
        var peerField = direction == Direction.Ingress ? "from" : "to";
        var result = ImmutableArray.CreateBuilder<CompiledRule>(rules.Length);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var path = $"spec.{dir}[{i}]";
            var ports = Ports(rule.Ports, $"{path}.ports", parts);
            // from/to: "If this field is empty or missing, this rule matches all sources (destinations) (traffic not
            // restricted by source)", which includes endpoints outside the cluster.
            if (rule.Peers.IsDefaultOrEmpty)
            {
                result.Add(new CompiledRule(direction, i, null, AdminAction.Allow, [AllPeers.Instance], ports, PeersOmitted: true));
                continue;
            }
            var peers = ImmutableArray.CreateBuilder<PeerMatcher>(rule.Peers.Length);
            for (var j = 0; j < rule.Peers.Length; j++)
                peers.Add(Peer(rule.Peers[j], ns, $"{path}.{peerField}[{j}]", parts));
            result.Add(new CompiledRule(direction, i, null, AdminAction.Allow, peers.MoveToImmutable(), ports));
        }
        return result.MoveToImmutable();
    }

    private static PeerMatcher Peer(NetworkPolicyPeer peer, string ns, string path, PolicyPartsCompiler parts)
    {
        if (peer.IpBlock is { } block)
        {
            // "If this field is set then neither of the other fields can be."
            if (peer.PodSelector is not null || peer.NamespaceSelector is not null)
            {
                parts.Report(path, "Forbidden: may not specify more than 1 peer type");
                return new NoPeers("ipBlock combined with a selector");
            }
            return IpBlock(block, $"{path}.ipBlock", parts);
        }
        return (peer.PodSelector, peer.NamespaceSelector) switch
        {
            // podSelector alone: "selects particular Pods in the same namespace as the NetworkPolicy".
            ({ } pods, null) => new PodPeer(new NamespaceScope.Same(ns), parts.Selector(pods, $"{path}.podSelector")),
            // namespaceSelector alone: "selects all Pods in the Namespaces selected by NamespaceSelector".
            (null, { } namespaces) => new PodPeer(new NamespaceScope.Selected(parts.Selector(namespaces, $"{path}.namespaceSelector")), CompiledSelector.Everything),
            // Both in one peer: "selects particular Pods within particular Namespaces" — both must hold (AND).
            ({ } pods, { } namespaces) => new PodPeer(
                new NamespaceScope.Selected(parts.Selector(namespaces, $"{path}.namespaceSelector")),
                parts.Selector(pods, $"{path}.podSelector")),
            _ => Invalid(parts, path, "Required value: must specify a peer"),
        };
    }

    private static PeerMatcher Invalid(PolicyPartsCompiler parts, string path, string message)
    {
        parts.Report(path, message);
        return new NoPeers(message);
    }

    /// <summary>
    /// ipBlock: cidr, and except entries that must each be a strict subset of cidr ("Except entries will be rejected
    /// if they are outside the cidr range"). Host bits are dropped: the block is the containing network.
    /// </summary>
    private static PeerMatcher IpBlock(IpBlock block, string path, PolicyPartsCompiler parts)
    {
        if (!parts.TryCidr(block.Cidr, $"{path}.cidr", out var cidr)) return new NoPeers($"invalid cidr \"{block.Cidr}\"");
        var except = ImmutableArray.CreateBuilder<Cidr>();
        var valid = true;
        var excepts = block.Except.IsDefault ? ImmutableArray<string>.Empty : block.Except;
        for (var k = 0; k < excepts.Length; k++)
        {
            var field = $"{path}.except[{k}]";
            if (!parts.TryCidr(excepts[k], field, out var e)) { valid = false; continue; }
            if (!cidr.Contains(e) || e.PrefixLength <= cidr.PrefixLength)
            {
                parts.Report(field, $"Invalid value: \"{excepts[k]}\": must be a strict subset of `cidr`");
                valid = false;
                continue;
            }
            except.Add(e);
        }
        return valid ? new IpBlockPeer(cidr, except.ToImmutable()) : new NoPeers("invalid except");
    }

    private static PortMatcher Ports(ImmutableArray<NetworkPolicyPort> ports, string path, PolicyPartsCompiler parts)
    {
        if (ports.IsDefaultOrEmpty) return AllPorts.Instance;
        var result = new List<PortMatcher>(ports.Length);
        for (var i = 0; i < ports.Length; i++)
            result.Add(Port(ports[i], $"{path}[{i}]", parts));
        return PolicyPartsCompiler.Combine(result);
    }

    private static PortMatcher Port(NetworkPolicyPort port, string path, PolicyPartsCompiler parts)
    {
        if (!parts.TryProtocol(port.Protocol, $"{path}.protocol", out var protocol)) return new NoPorts($"protocol {port.Protocol}");
        switch (port.Port)
        {
            case null:
                // "If this field is not provided, this matches all port names and numbers." endPort needs a port.
                if (port.EndPort is not null)
                {
                    parts.Report($"{path}.endPort", "Forbidden: may not be specified when `port` is not specified");
                    return new NoPorts("endPort without port");
                }
                return new AllPortsOfProtocol(protocol);
            case { Name: { } name }:
                if (port.EndPort is not null)
                {
                    parts.Report($"{path}.endPort", "Forbidden: may not be specified when `port` is non-numeric");
                    return new NoPorts("endPort with a named port");
                }
                return parts.ValidPortName(name, $"{path}.port") ? new NamedPort(name, protocol) : new NoPorts($"invalid port name {name}");
            case { Number: { } number }:
                if (!parts.ValidPortNumber(number, $"{path}.port")) return new NoPorts($"port {number}");
                if (port.EndPort is not { } end) return new SpecificPort(protocol, number);
                // "endPort indicates that the range of ports from port to endPort if set, inclusive, should be allowed
                // … endPort must be equal or greater than port."
                if (end < number || end > 65535)
                {
                    parts.Report($"{path}.endPort", $"Invalid value: {end}: must be greater than or equal to `port`");
                    return new NoPorts($"endPort {end}");
                }
                return new PortRange(protocol, number, end);
            default:
                parts.Report($"{path}.port", "Invalid value: empty port");
                return new NoPorts("empty port");
        }
    }
}
