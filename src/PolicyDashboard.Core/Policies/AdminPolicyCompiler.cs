using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// policy.networking.k8s.io v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy and v1alpha2 ClusterNetworkPolicy
/// → <see cref="CompiledAdminPolicy"/>, following the API types' documentation in kubernetes-sigs/network-policy-api.
/// Objects the API would reject select nothing (or their invalid parts match nothing) and are reported as issues.
/// </summary>
public static class AdminPolicyCompiler
{
    public static CompiledAdminPolicy Compile(AdminPolicyInfo policy, ImmutableArray<CompileIssue>.Builder issues)
    {
        var reference = PolicyRef.For(policy);
        var parts = new PolicyPartsCompiler(reference, issues);
        var valid = true;

        int priority;
        if (policy.Kind == AdminPolicyKind.BaselineAdminNetworkPolicy)
        {
            priority = -1;
            // "BaselineAdminNetworkPolicy is a cluster level resource … Only a single BaselineAdminNetworkPolicy
            // named 'default' can exist" (enforced by validation on metadata.name).
            if (policy.Name != "default")
            {
                parts.Report("metadata.name", $"Invalid value: \"{policy.Name}\": Only one baseline admin network policy with metadata.name=\"default\" can be created in the cluster");
                valid = false;
            }
        }
        else if (policy.Priority is { } p and >= 0 and <= 1000) priority = p;
        else
        {
            // "Priority is a value from 0 to 1000."
            parts.Report("spec.priority", policy.Priority is null ? "Required value" : $"Invalid value: {policy.Priority}: must be between 0 and 1000");
            priority = int.MaxValue;
            valid = false;
        }

        var subject = valid ? Subject(policy.Subject, parts) : new NoPeers("invalid policy");
        return new CompiledAdminPolicy(reference, reference.Tier, priority, subject,
            Rules(policy, policy.Ingress, Direction.Ingress, parts),
            Rules(policy, policy.Egress, Direction.Egress, parts))
        { Source = policy };
    }

    /// <summary>subject: "Exactly one field must be set." namespaces = all pods in those namespaces; pods = namespaces AND pods.</summary>
    private static PeerMatcher Subject(AdminSubject subject, PolicyPartsCompiler parts) => (subject.Namespaces, subject.Pods) switch
    {
        ({ } ns, null) => new PodPeer(new NamespaceScope.Selected(parts.Selector(ns, "spec.subject.namespaces")), CompiledSelector.Everything),
        (null, { } pods) => new PodPeer(
            new NamespaceScope.Selected(parts.Selector(pods.NamespaceSelector, "spec.subject.pods.namespaceSelector")),
            parts.Selector(pods.PodSelector, "spec.subject.pods.podSelector")),
        _ => Invalid(parts, "spec.subject", "Invalid value: exactly one of namespaces or pods must be set"),
    };

    private static PeerMatcher Invalid(PolicyPartsCompiler parts, string field, string message)
    {
        parts.Report(field, message);
        return new NoPeers(message);
    }

    private static ImmutableArray<CompiledRule> Rules(AdminPolicyInfo policy, ImmutableArray<AdminRule> rules, Direction direction, PolicyPartsCompiler parts)
    {
        if (rules.IsDefaultOrEmpty) return ImmutableArray<CompiledRule>.Empty;
        var dir = direction == Direction.Ingress ? "ingress" : "egress";
        var peerField = direction == Direction.Ingress ? "from" : "to";
        var result = ImmutableArray.CreateBuilder<CompiledRule>(rules.Length);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var path = $"spec.{dir}[{i}]";
            var action = Action(policy, rule.Action, $"{path}.action", parts);
            if (action is null)
            {
                result.Add(new CompiledRule(direction, i, rule.Name, AdminAction.Deny, [new NoPeers("invalid action")], new NoPorts("invalid action")));
                continue;
            }
            var ports = Ports(rule.Ports, $"{path}.ports", parts);
            if (rule.Peers.IsDefaultOrEmpty)
            {
                // from/to: "This field must be defined and contain at least one item."
                parts.Report($"{path}.{peerField}", "Required value: at least one peer");
                result.Add(new CompiledRule(direction, i, rule.Name, action.Value, [new NoPeers("no peers")], ports));
                continue;
            }
            var peers = ImmutableArray.CreateBuilder<PeerMatcher>(rule.Peers.Length);
            var failClosed = false;
            for (var j = 0; j < rule.Peers.Length; j++)
            {
                var peer = Peer(rule.Peers[j], direction, $"{path}.{peerField}[{j}]", parts, out var unknownKind);
                failClosed |= unknownKind;
                peers.Add(peer);
            }
            // A peer with no known field means a newer, unknown peer kind: "it should fail closed. For Allow rules, fail
            // closed means: treat the rule as matching no traffic. For Deny and Pass rules, fail closed means: treat
            // the rule as a 'Deny all' rule."
            if (failClosed && action is AdminAction.Deny or AdminAction.Pass)
                result.Add(new CompiledRule(direction, i, rule.Name, AdminAction.Deny, [AllPeers.Instance], AllPorts.Instance));
            else
                result.Add(new CompiledRule(direction, i, rule.Name, action.Value, peers.MoveToImmutable(), ports));
        }
        return result.MoveToImmutable();
    }

    /// <summary>ANP: Allow, Deny, Pass. BANP: Allow, Deny. CNP (both tiers): Accept, Deny, Pass.</summary>
    private static AdminAction? Action(AdminPolicyInfo policy, string action, string field, PolicyPartsCompiler parts)
    {
        AdminAction? parsed = (policy.Kind, action) switch
        {
            (AdminPolicyKind.AdminNetworkPolicy or AdminPolicyKind.BaselineAdminNetworkPolicy, "Allow") => AdminAction.Allow,
            (AdminPolicyKind.ClusterNetworkPolicy, "Accept") => AdminAction.Allow,
            (_, "Deny") => AdminAction.Deny,
            (AdminPolicyKind.AdminNetworkPolicy or AdminPolicyKind.ClusterNetworkPolicy, "Pass") => AdminAction.Pass,
            _ => null,
        };
        if (parsed is null)
        {
            var supported = policy.Kind switch
            {
                AdminPolicyKind.AdminNetworkPolicy => "\"Allow\", \"Deny\", \"Pass\"",
                AdminPolicyKind.BaselineAdminNetworkPolicy => "\"Allow\", \"Deny\"",
                _ => "\"Accept\", \"Deny\", \"Pass\"",
            };
            parts.Report(field, $"Unsupported value: \"{action}\": supported values: {supported}");
        }
        return parsed;
    }

    private static PeerMatcher Peer(AdminPeer peer, Direction direction, string path, PolicyPartsCompiler parts, out bool unknownKind)
    {
        unknownKind = false;
        var count = (peer.Namespaces is null ? 0 : 1) + (peer.Pods is null ? 0 : 1) + (peer.Nodes is null ? 0 : 1) + (peer.Networks is null ? 0 : 1);
        if (count == 0)
        {
            unknownKind = true;
            parts.Report(path, "Invalid value: no known peer field is set (an unsupported peer kind)");
            return new NoPeers("unknown peer kind");
        }
        if (count > 1) return Invalid(parts, path, "Invalid value: exactly one peer field must be set");
        if (peer.Namespaces is { } ns)
            return new PodPeer(new NamespaceScope.Selected(parts.Selector(ns, $"{path}.namespaces")), CompiledSelector.Everything);
        if (peer.Pods is { } pods)
            return new PodPeer(
                new NamespaceScope.Selected(parts.Selector(pods.NamespaceSelector, $"{path}.pods.namespaceSelector")),
                parts.Selector(pods.PodSelector, $"{path}.pods.podSelector"));
        // nodes and networks exist only on egress peers.
        if (direction == Direction.Ingress) return Invalid(parts, path, "Forbidden: nodes and networks peers are only allowed in egress rules");
        if (peer.Nodes is { } nodes) return new NodePeer(parts.Selector(nodes, $"{path}.nodes"));
        var blocks = ImmutableArray.CreateBuilder<Cidr>();
        var networks = peer.Networks!.Value;
        var ok = !networks.IsDefaultOrEmpty;
        if (!ok) parts.Report($"{path}.networks", "Required value: at least one CIDR");
        for (var k = 0; ok && k < networks.Length; k++)
        {
            if (parts.TryCidr(networks[k], $"{path}.networks[{k}]", out var cidr)) blocks.Add(cidr);
            else ok = false;
        }
        return ok ? new NetworksPeer(blocks.ToImmutable()) : new NoPeers("invalid networks");
    }

    private static PortMatcher Ports(ImmutableArray<AdminPort>? ports, string path, PolicyPartsCompiler parts)
    {
        if (ports is not { IsDefaultOrEmpty: false } list) return AllPorts.Instance;
        var result = new List<PortMatcher>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            var field = $"{path}[{i}]";
            result.Add(list[i] switch
            {
                AdminPort.Number n => !parts.TryProtocol(NullIfEmpty(n.Protocol), $"{field}.portNumber.protocol", out var proto) ? new NoPorts("protocol")
                    : parts.ValidPortNumber(n.Port, $"{field}.portNumber.port") ? new SpecificPort(proto, n.Port) : new NoPorts("port"),
                // portRange: "Start … must be less than End"; both ends inclusive.
                AdminPort.Range r => !parts.TryProtocol(NullIfEmpty(r.Protocol), $"{field}.portRange.protocol", out var proto) ? new NoPorts("protocol")
                    : !parts.ValidPortNumber(r.Start, $"{field}.portRange.start") | !parts.ValidPortNumber(r.End, $"{field}.portRange.end") ? new NoPorts("range")
                    : r.Start < r.End ? new PortRange(proto, r.Start, r.End) : RangeOrder(parts, $"{field}.portRange", r),
                // namedPort: the protocol comes from the destination pod's container port.
                AdminPort.Named named => new NamedPort(named.Name, null),
                _ => new NoPorts("unknown port kind"),
            });
        }
        return PolicyPartsCompiler.Combine(result);
    }

    private static PortMatcher RangeOrder(PolicyPartsCompiler parts, string field, AdminPort.Range r)
    {
        parts.Report(field, $"Invalid value: start ({r.Start}) must be less than end ({r.End})");
        return new NoPorts("start >= end");
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
