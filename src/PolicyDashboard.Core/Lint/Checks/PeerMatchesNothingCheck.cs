using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD003: a selector peer that matches no pod (or no namespace, or no node) allows or denies nothing today.
/// ipBlock and networks peers name addresses and are never empty.
/// </summary>
internal sealed class PeerMatchesNothingCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var policy in context.NetworkPolicies)
        {
            foreach (var f in NetworkPolicyPeers(context, policy, policy.Ingress, "spec.ingress", "from")) yield return f;
            foreach (var f in NetworkPolicyPeers(context, policy, policy.Egress, "spec.egress", "to")) yield return f;
        }
        foreach (var policy in context.AdminPolicies)
        {
            foreach (var f in AdminPeers(context, policy, policy.Ingress, "spec.ingress", "from")) yield return f;
            foreach (var f in AdminPeers(context, policy, policy.Egress, "spec.egress", "to")) yield return f;
        }
    }

    private static IEnumerable<LintFinding> NetworkPolicyPeers(LintContext context, NetworkPolicyInfo policy,
        System.Collections.Immutable.ImmutableArray<NetworkPolicyRule> rules, string path, string field)
    {
        if (rules.IsDefault) yield break;
        for (var i = 0; i < rules.Length; i++)
        {
            var peers = rules[i].Peers;
            if (peers.IsDefault) continue;
            for (var j = 0; j < peers.Length; j++)
            {
                var peer = peers[j];
                if (peer.IpBlock is not null) continue;
                var at = $"{path}[{i}].{field}[{j}]";
                if (peer.NamespaceSelector is not null && !context.NamespacesMatching(peer.NamespaceSelector).Any())
                    yield return Finding(policy, at, $"{field} peer {j} of rule {i}: its namespaceSelector matches no namespace.");
                else if (!context.PeerPods(peer, policy.Namespace).Any())
                    yield return Finding(policy, at, peer.NamespaceSelector is null
                        ? $"{field} peer {j} of rule {i} matches no pod in namespace {policy.Namespace}."
                        : $"{field} peer {j} of rule {i} matches no pod in the namespaces it selects.");
            }
        }
    }

    private static IEnumerable<LintFinding> AdminPeers(LintContext context, AdminPolicyInfo policy,
        System.Collections.Immutable.ImmutableArray<AdminRule> rules, string path, string field)
    {
        if (rules.IsDefault) yield break;
        for (var i = 0; i < rules.Length; i++)
        {
            var peers = rules[i].Peers;
            if (peers.IsDefault) continue;
            for (var j = 0; j < peers.Length; j++)
            {
                var peer = peers[j];
                var at = $"{path}[{i}].{field}[{j}]";
                if (peer.Nodes is not null)
                {
                    if (!context.NodesMatching(peer.Nodes).Any())
                        yield return Finding(policy, at, $"{field} peer {j} of rule {RuleName(rules[i], i)} matches no node.");
                }
                else if (peer.Networks is null && !context.AdminPeerPods(peer).Any())
                {
                    yield return Finding(policy, at, $"{field} peer {j} of rule {RuleName(rules[i], i)} matches no pod.");
                }
            }
        }
    }

    internal static string RuleName(AdminRule rule, int index) => string.IsNullOrEmpty(rule.Name) ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{index} ({rule.Name})";

    private static LintFinding Finding(NetworkPolicyInfo policy, string field, string message) =>
        new(LintCodes.PeerMatchesNothing, LintSeverity.Warning, $"NetworkPolicy {policy.Key}: {message}", [LintObject.For(policy)], field);

    private static LintFinding Finding(AdminPolicyInfo policy, string field, string message) =>
        new(LintCodes.PeerMatchesNothing, LintSeverity.Warning, $"{policy.Key}: {message}", [LintObject.For(policy)], field);
}
