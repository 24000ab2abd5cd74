using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD005: rules that allow everyone. A NetworkPolicy rule without from/to "matches all sources" — "also outside
/// the cluster"; an ipBlock of 0.0.0.0/0 or ::/0 without except does the same for one family; a peer with
/// namespaceSelector {} (and podSelector absent or {}) allows every pod of the cluster. For admin tiers, an
/// Allow/Accept rule with networks 0.0.0.0/0 or ::/0, or namespaces {}. Whole-world allowances are warnings,
/// whole-cluster ones information.
/// </summary>
internal sealed class AllowAllCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var policy in context.NetworkPolicies)
        {
            if (LintContext.Affects(policy, PolicyType.Ingress))
                foreach (var f in Rules(policy, policy.Ingress, "spec.ingress", "from", "from any source")) yield return f;
            if (LintContext.Affects(policy, PolicyType.Egress))
                foreach (var f in Rules(policy, policy.Egress, "spec.egress", "to", "to any destination")) yield return f;
        }
        foreach (var policy in context.AdminPolicies)
        {
            foreach (var f in AdminRules(policy, policy.Ingress, "spec.ingress", "from")) yield return f;
            foreach (var f in AdminRules(policy, policy.Egress, "spec.egress", "to")) yield return f;
        }
    }

    private static IEnumerable<LintFinding> Rules(NetworkPolicyInfo policy, ImmutableArray<NetworkPolicyRule> rules, string path, string field, string anyone)
    {
        if (rules.IsDefault) yield break;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var ports = rule.Ports.IsDefaultOrEmpty ? "on every port" : "on the listed ports";
            if (rule.Peers.IsDefaultOrEmpty)
            {
                yield return Finding(policy, LintSeverity.Warning, $"{path}[{i}]",
                    $"rule {i} has no '{field}' and allows traffic {anyone}, inside or outside the cluster, {ports}.");
                continue;
            }
            for (var j = 0; j < rule.Peers.Length; j++)
            {
                var peer = rule.Peers[j];
                var at = $"{path}[{i}].{field}[{j}]";
                if (peer.IpBlock is { } block && CidrSyntax.ParseLegacy(block.Cidr) is { IsWholeFamily: true } whole && block.Except.IsDefaultOrEmpty)
                    yield return Finding(policy, LintSeverity.Warning, at,
                        $"rule {i} allows every {(whole.IsIPv4 ? "IPv4" : "IPv6")} address ({block.Cidr}) {ports}.");
                else if (peer.NamespaceSelector is { IsEmpty: true } && (peer.PodSelector is null || peer.PodSelector.IsEmpty))
                    yield return Finding(policy, LintSeverity.Info, at, $"rule {i} allows every pod in every namespace {ports}.");
            }
        }
    }

    private static IEnumerable<LintFinding> AdminRules(AdminPolicyInfo policy, ImmutableArray<AdminRule> rules, string path, string field)
    {
        if (rules.IsDefault) yield break;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (rule.Action is not ("Allow" or "Accept") || rule.Peers.IsDefault) continue;
            var ports = rule.Ports is null ? "on every port" : "on the listed ports";
            for (var j = 0; j < rule.Peers.Length; j++)
            {
                var peer = rule.Peers[j];
                var at = $"{path}[{i}].{field}[{j}]";
                if (peer.Networks is { IsDefault: false } networks)
                {
                    foreach (var n in networks)
                        if (CidrSyntax.ParseStrict(n) is { IsWholeFamily: true } whole)
                            yield return new LintFinding(LintCodes.AllowAll, LintSeverity.Warning,
                                $"{policy.Key}: rule {PeerMatchesNothingCheck.RuleName(rule, i)} allows every {(whole.IsIPv4 ? "IPv4" : "IPv6")} address ({n}) {ports}, pods included.",
                                [LintObject.For(policy)], at);
                }
                else if (peer.Namespaces is { IsEmpty: true } || peer.Pods is { NamespaceSelector.IsEmpty: true, PodSelector.IsEmpty: true })
                {
                    yield return new LintFinding(LintCodes.AllowAll, LintSeverity.Info,
                        $"{policy.Key}: rule {PeerMatchesNothingCheck.RuleName(rule, i)} allows every pod in every namespace {ports}.",
                        [LintObject.For(policy)], at);
                }
            }
        }
    }

    private static LintFinding Finding(NetworkPolicyInfo policy, LintSeverity severity, string field, string message) =>
        new(LintCodes.AllowAll, severity, $"NetworkPolicy {policy.Key}: {message}", [LintObject.For(policy)], field);
}
