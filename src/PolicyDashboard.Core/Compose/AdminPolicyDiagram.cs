using System.Collections.Immutable;
using System.Globalization;
using PolicyDashboard.Core.Describe;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Compose;

/// <summary>
/// An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy drawn like a NetworkPolicy (sources →
/// subject → destinations), except that its arrows are not all "allowed": each carries its rule's action and its
/// place in the rule order, because in these kinds "rules are evaluated in order" and the first match decides
/// (policy.networking.k8s.io API: AdminNetworkPolicySpec.ingress/egress, ClusterNetworkPolicySpec). A direction
/// without rules is drawn as one box saying who decides it instead: NetworkPolicies and the Baseline tier after the
/// Admin tier, the default (allowed) after the Baseline tier.
/// </summary>
public static class AdminPolicyDiagram
{
    public static PolicyDiagram Of(AdminPolicyInfo policy, ClusterSnapshot cluster)
    {
        var compiled = AdminPolicyCompiler.Compile(policy, ImmutableArray.CreateBuilder<CompileIssue>());
        var subjectLabel = compiled.Subject is NoPeers none ? $"no pods ({none.Reason})" : PeerWords.Of(compiled.Subject);
        var subject = DraftSelection.Peer(cluster, "", new NetworkPolicyPeer(policy.Subject.Pods?.PodSelector,
            policy.Subject.Pods?.NamespaceSelector ?? policy.Subject.Namespaces, null));
        return PolicyDiagram.Lay(subjectLabel, subject.Summary,
            Side(compiled, policy, cluster, Direction.Ingress), Side(compiled, policy, cluster, Direction.Egress));
    }

    private static List<PolicyDiagram.Box> Side(CompiledAdminPolicy compiled, AdminPolicyInfo policy, ClusterSnapshot cluster, Direction direction)
    {
        var name = direction == Direction.Ingress ? "ingress" : "egress";
        var rules = compiled.Rules(direction);
        if (rules.IsEmpty)
        {
            var next = compiled.Tier == PolicyTier.Admin ? "NetworkPolicies and the Baseline tier decide" : "the default decides (allowed)";
            return [new PolicyDiagram.Box($"{name}-open", DiagramNodeKind.NotIsolated, $"no {name} rules", next)];
        }

        var written = direction == Direction.Ingress ? policy.Ingress : policy.Egress;
        var boxes = new List<PolicyDiagram.Box>();
        foreach (var rule in rules)
        {
            var ports = PortWords.Of(rule.Ports);
            var label = $"{(rule.Index + 1).ToString(CultureInfo.InvariantCulture)}. {AdminPolicyWords.Action(compiled, rule.Action)} · " +
                (ports.StartsWith("on ", StringComparison.Ordinal) ? ports[3..] : ports);
            var path = AdminPolicyWords.Label(rule);
            var peers = rule.Index < written.Length ? written[rule.Index].Peers : [];
            for (var j = 0; j < rule.Peers.Length; j++)
            {
                var words = rule.Peers[j] is AllPeers ? (direction == Direction.Ingress ? "any source" : "any destination") : PeerWords.Of(rule.Peers[j]);
                var detail = rule.Peers.Length == peers.Length ? Matches(cluster, peers[j]) : "";
                boxes.Add(new PolicyDiagram.Box($"{name}-{rule.Index}-{j}", DiagramNodeKind.Peer, words, detail, label, path, rule.Action));
            }
        }

        return boxes;
    }

    /// <summary>What a peer matches in the cluster now, as the admin builder's previews say it.</summary>
    private static string Matches(ClusterSnapshot cluster, AdminPeer peer)
    {
        if (peer.Nodes is not { } nodes) return DraftSelection.AdminPeer(cluster, peer).Summary;
        var count = DraftSelection.Nodes(cluster, nodes);
        return count == 1 ? "1 node" : $"{count.ToString(CultureInfo.InvariantCulture)} nodes";
    }
}
