using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD008: a named port resolves on the destination pod ("a named port on a pod … must match protocol"). For ingress
/// the destinations are the pods the policy selects; for egress, the pods its peers select (all pods when the rule
/// has no peers, the pods inside the block for ipBlock peers). When none of them declares a container port of that
/// name and protocol, the port matches nothing.
/// </summary>
internal sealed class NamedPortCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var policy in context.NetworkPolicies)
        {
            var selected = context.SelectedBy(policy).ToList();
            if (selected.Count > 0 && !policy.Ingress.IsDefault)
                for (var i = 0; i < policy.Ingress.Length; i++)
                    foreach (var f in NetworkPolicyPorts(context, policy, policy.Ingress[i].Ports, $"spec.ingress[{i}]", selected, "the pods it selects"))
                        yield return f;
            if (!policy.Egress.IsDefault)
                for (var i = 0; i < policy.Egress.Length; i++)
                {
                    var rule = policy.Egress[i];
                    if (rule.Ports.IsDefault || !rule.Ports.Any(p => p.Port is { Name: not null })) continue;
                    foreach (var f in NetworkPolicyPorts(context, policy, rule.Ports, $"spec.egress[{i}]", EgressDestinations(context, policy, rule), "the destinations of the rule"))
                        yield return f;
                }
        }

        foreach (var policy in context.AdminPolicies)
        {
            var field = LintContext.PortsField(policy);
            var subject = context.SubjectPods(policy.Subject).ToList();
            if (subject.Count > 0 && !policy.Ingress.IsDefault)
                for (var i = 0; i < policy.Ingress.Length; i++)
                    foreach (var f in AdminPorts(policy, policy.Ingress[i], $"spec.ingress[{i}].{field}", subject, "its subject pods"))
                        yield return f;
            if (!policy.Egress.IsDefault)
                for (var i = 0; i < policy.Egress.Length; i++)
                {
                    var rule = policy.Egress[i];
                    if (rule.Ports is not { IsDefault: false } named || !named.Any(p => p is AdminPort.Named)) continue;
                    var destinations = rule.Peers.IsDefault ? [] : rule.Peers.SelectMany(context.AdminPeerPods).ToList();
                    foreach (var f in AdminPorts(policy, rule, $"spec.egress[{i}].{field}", destinations, "the pods the rule reaches"))
                        yield return f;
                }
        }
    }

    /// <summary>The rule's destination pods; null when the rule has no peers (every pod).</summary>
    private static List<PodInfo>? EgressDestinations(LintContext context, NetworkPolicyInfo policy, NetworkPolicyRule rule)
    {
        if (rule.Peers.IsDefaultOrEmpty) return null;
        var pods = new List<PodInfo>();
        foreach (var peer in rule.Peers)
        {
            if (peer.IpBlock is { } block)
            {
                if (Validation.CidrSyntax.ParseLegacy(block.Cidr) is not { } cidr) continue;
                var except = (block.Except.IsDefault ? [] : block.Except).Select(Validation.CidrSyntax.ParseLegacy).OfType<Validation.CidrValue>().ToList();
                pods.AddRange(context.PodsByNamespace.Values.SelectMany(p => p).Where(p => IpMatch.Contains(cidr, except, context.Addresses(p))));
            }
            else pods.AddRange(context.PeerPods(peer, policy.Namespace));
        }
        return pods;
    }

    private static IEnumerable<LintFinding> NetworkPolicyPorts(LintContext context, NetworkPolicyInfo policy, ImmutableArray<NetworkPolicyPort> ports, string rulePath, List<PodInfo>? destinations, string whose)
    {
        if (ports.IsDefault || destinations is { Count: 0 }) yield break;
        for (var j = 0; j < ports.Length; j++)
        {
            if (ports[j].Port is not { Name: { } name }) continue;
            var protocol = ports[j].Protocol is { } text && ProtocolNames.TryParse(text, out var p) ? p : Protocol.TCP;
            var declared = destinations is null
                ? context.AnyPodDeclares(name, protocol)
                : destinations.Any(d => !d.Ports.IsDefault && d.Ports.Any(cp => cp.Name == name && cp.Protocol == protocol));
            if (!declared)
                yield return new LintFinding(LintCodes.NamedPortNotExposed, LintSeverity.Warning,
                    $"NetworkPolicy {policy.Key}: named port '{name}' ({protocol}) is not declared by any of {whose}, so this port matches nothing.",
                    [LintObject.For(policy)], $"{rulePath}.ports[{j}].port");
        }
    }

    private static IEnumerable<LintFinding> AdminPorts(AdminPolicyInfo policy, AdminRule rule, string portsPath, List<PodInfo> destinations, string whose)
    {
        if (rule.Ports is not { IsDefault: false } ports || destinations.Count == 0) yield break;
        for (var j = 0; j < ports.Length; j++)
        {
            // v1alpha1 namedPort and v1alpha2 destinationNamedPort carry no protocol: any container port of that name.
            if (ports[j] is not AdminPort.Named named) continue;
            if (!destinations.Any(d => !d.Ports.IsDefault && d.Ports.Any(cp => cp.Name == named.Name)))
                yield return new LintFinding(LintCodes.NamedPortNotExposed, LintSeverity.Warning,
                    $"{policy.Key}: named port '{named.Name}' is not declared by any of {whose}, so this port matches nothing.",
                    [LintObject.For(policy)], $"{portsPath}[{j}]");
        }
    }
}
