using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Describe;

/// <summary>
/// A compiled NetworkPolicy in words (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/):
/// <list type="bullet">
/// <item>"An empty podSelector selects all pods in this namespace."</item>
/// <item>A pod is isolated for a direction iff a policy selecting it lists that direction in its effective
/// policyTypes; omitted policyTypes default to Ingress, plus Egress when the policy has egress rules.</item>
/// <item>Isolated with no rules for that direction: nothing is allowed ("allows no ingress").</item>
/// <item>A rule without from/to "matches all sources/destinations", also outside the cluster; a rule without ports
/// matches all ports. Peers of a rule are alternatives (OR); ports likewise.</item>
/// <item>Rules of a direction not in policyTypes are kept by the API server but have no effect.</item>
/// </list>
/// </summary>
public static class NetworkPolicyWords
{
    public static PolicyDescription Describe(NetworkPolicyInfo policy) =>
        Describe(NetworkPolicyCompiler.Compile(policy, ImmutableArray.CreateBuilder<CompileIssue>()));

    public static PolicyDescription Describe(CompiledNetworkPolicy policy)
    {
        var subject = policy.PodSelector switch
        {
            { MatchesEverything: true } => $"Selects all pods in {policy.Namespace}",
            { MatchesNothing: true } s => s.IsValid ? "Selects no pods" : "Selects no pods (the podSelector is invalid)",
            var s => $"Selects pods with {SelectorWords.Of(s)} in {policy.Namespace}",
        };

        var directions = new List<string>(2);
        if (policy.AffectsIngress) directions.Add("Ingress");
        if (policy.AffectsEgress) directions.Add("Egress");
        var effect = directions.Count == 0 ? "isolates nothing" : "isolated for " + string.Join(" and ", directions);

        var notes = ImmutableArray.CreateBuilder<string>();
        var ingress = Direction(policy, Reachability.Direction.Ingress, notes);
        var egress = Direction(policy, Reachability.Direction.Egress, notes);

        string? defaulting = null;
        if (policy.Source is { PolicyTypes: null or { IsEmpty: true } })
            defaulting = policy.AffectsEgress
                ? "policyTypes is not set: Ingress and, because the policy has egress rules, Egress"
                : "policyTypes is not set: Ingress only (the policy has no egress rules)";

        return new PolicyDescription(subject, effect, ingress, egress, notes.ToImmutable()) { Defaulting = defaulting };
    }

    private static ImmutableArray<string> Direction(CompiledNetworkPolicy policy, Direction direction, ImmutableArray<string>.Builder notes)
    {
        var rules = policy.Rules(direction);
        var name = direction == Reachability.Direction.Ingress ? "ingress" : "egress";
        if (!policy.Affects(direction))
        {
            if (!rules.IsEmpty)
                notes.Add($"its {name} rules have no effect: policyTypes does not list {(direction == Reachability.Direction.Ingress ? "Ingress" : "Egress")}");
            return [];
        }
        if (rules.IsEmpty) return [$"allows no {name} (no {name} rules: all {name} of the selected pods is denied)"];
        return [.. rules.Select(rule => Rule(rule, direction))];
    }

    /// <summary>"allows from A or B, on P" (ingress) / "allows to A or B, on P" (egress).</summary>
    public static string Rule(CompiledRule rule, Direction direction)
    {
        var preposition = direction == Reachability.Direction.Ingress ? "from" : "to";
        var peers = rule.PeersOmitted
            ? (direction == Reachability.Direction.Ingress ? "any source" : "any destination") +
              " (every pod in every namespace and every address outside the cluster)"
            : string.Join(" or ", rule.Peers.Select(PeerWords.Of));
        return $"allows {preposition} {peers}, {PortWords.Of(rule.Ports)}";
    }
}
