using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD009: constructs the API accepts but network plugins enforce differently.
/// <list type="bullet">
/// <item>named ports next to ipBlock peers: a named port resolves on a pod, and addresses outside the cluster have
/// none; plugins differ in what they match.</item>
/// <item>hostNetwork pods matched by a policy's pod selector: "pods with hostNetwork … are not affected by
/// NetworkPolicy" on most plugins, while some apply host policies.</item>
/// <item>SCTP: "As a beta feature … requires the network plugin to support SCTP".</item>
/// <item>endPort: "your cluster must be using a CNI plugin that supports the endPort field"; others match only
/// <c>port</c>.</item>
/// </list>
/// </summary>
internal sealed class CniDependentCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var policy in context.NetworkPolicies)
        {
            var selector = context.Compile(policy.PodSelector);
            var hostPods = context.HostNetworkPods[policy.Namespace].Where(p => selector.Matches(p.Labels)).ToList();
            if (hostPods.Count > 0)
                yield return Finding(policy, "spec.podSelector",
                    $"its podSelector matches hostNetwork pod{(hostPods.Count == 1 ? "" : "s")} {string.Join(", ", hostPods.Select(p => p.Name))}; host-network traffic is node traffic and most plugins do not apply NetworkPolicy to it.");

            foreach (var f in Rules(policy, policy.Ingress, "spec.ingress", "from")) yield return f;
            foreach (var f in Rules(policy, policy.Egress, "spec.egress", "to")) yield return f;
        }

        foreach (var policy in context.AdminPolicies)
        {
            var field = LintContext.PortsField(policy);
            foreach (var (rules, path) in new[] { (policy.Ingress, "spec.ingress"), (policy.Egress, "spec.egress") })
            {
                if (rules.IsDefault) continue;
                for (var i = 0; i < rules.Length; i++)
                {
                    if (rules[i].Ports is not { IsDefault: false } ports) continue;
                    for (var j = 0; j < ports.Length; j++)
                        if (ports[j] is AdminPort.Number { Protocol: "SCTP" } or AdminPort.Range { Protocol: "SCTP" })
                            yield return new LintFinding(LintCodes.CniDependent, LintSeverity.Info,
                                $"{policy.Key}: SCTP ports are enforced only by plugins that support SCTP.",
                                [LintObject.For(policy)], $"{path}[{i}].{field}[{j}]");
                }
            }
        }
    }

    private static IEnumerable<LintFinding> Rules(NetworkPolicyInfo policy, ImmutableArray<NetworkPolicyRule> rules, string path, string peersField)
    {
        if (rules.IsDefault) yield break;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (rule.Ports.IsDefault) continue;
            var hasIpBlock = !rule.Peers.IsDefault && rule.Peers.Any(p => p.IpBlock is not null);
            for (var j = 0; j < rule.Ports.Length; j++)
            {
                var port = rule.Ports[j];
                var at = $"{path}[{i}].ports[{j}]";
                if (hasIpBlock && port.Port is { Name: not null })
                    yield return Finding(policy, at,
                        $"rule {i} combines named port '{port.Port.Value.Name}' with ipBlock {peersField} peers; addresses outside the cluster have no named ports and plugins differ in what they match.");
                if (port.Protocol == "SCTP")
                    yield return Finding(policy, at + ".protocol", "SCTP ports are enforced only by plugins that support SCTP.");
                if (port.EndPort is not null)
                    yield return Finding(policy, at + ".endPort",
                        $"endPort ranges ({port.Port}-{port.EndPort}) are enforced only by plugins that support endPort; others allow only port {port.Port}.");
            }
        }
    }

    private static LintFinding Finding(NetworkPolicyInfo policy, string field, string message) =>
        new(LintCodes.CniDependent, LintSeverity.Info, $"NetworkPolicy {policy.Key}: {message}", [LintObject.For(policy)], field);
}
