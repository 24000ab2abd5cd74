using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Describe;

/// <summary>
/// A compiled AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy in words, following the
/// policy.networking.k8s.io API documentation (kubernetes-sigs/network-policy-api):
/// <list type="bullet">
/// <item>subject: namespaces (all their pods) or pods (namespaces AND pods).</item>
/// <item>ANP / CNP: "Policies with lower priority values have higher precedence"; rules "are evaluated in order"
/// and the first match decides. Allow (CNP: Accept) and Deny are final; Pass "skips all further rules in the current
/// tier", handing the decision to NetworkPolicies (from the Admin tier) or to the default (from the Baseline tier).</item>
/// <item>BANP and the CNP Baseline tier apply only where no NetworkPolicy isolates the pod for that direction.</item>
/// <item>A direction without rules leaves that direction to the next tier.</item>
/// </list>
/// </summary>
public static class AdminPolicyWords
{
    public static PolicyDescription Describe(AdminPolicyInfo policy) =>
        Describe(AdminPolicyCompiler.Compile(policy, ImmutableArray.CreateBuilder<CompileIssue>()));

    public static PolicyDescription Describe(CompiledAdminPolicy policy)
    {
        var subject = policy.Subject is NoPeers none
            ? $"Applies to no pods ({none.Reason})"
            : "Applies to " + PeerWords.Of(policy.Subject);
        var kind = policy.Ref.Kind;
        var effect = (kind, policy.Tier) switch
        {
            (PolicyKind.BaselineAdminNetworkPolicy, _) =>
                "Baseline tier: decides only where no NetworkPolicy isolates the pod for that direction; rules in order, the first match decides",
            (_, PolicyTier.Baseline) =>
                $"Baseline tier, priority {Priority(policy)} (lower first): decides only where no NetworkPolicy isolates the pod for that direction; rules in order, the first match decides",
            _ => $"Admin tier, priority {Priority(policy)} (lower first, before any NetworkPolicy): rules in order, the first match decides",
        };
        return new PolicyDescription(subject, effect,
            Direction(policy, Reachability.Direction.Ingress), Direction(policy, Reachability.Direction.Egress), []);
    }

    private static string Priority(CompiledAdminPolicy policy) =>
        policy.Priority == int.MaxValue ? "invalid" : policy.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ImmutableArray<string> Direction(CompiledAdminPolicy policy, Direction direction)
    {
        var rules = policy.Rules(direction);
        var name = direction == Reachability.Direction.Ingress ? "ingress" : "egress";
        if (rules.IsEmpty)
            return [$"no {name} rules: {name} is left to " + (policy.Tier == PolicyTier.Admin ? "NetworkPolicies and the Baseline tier" : "the default (allowed)")];
        return [.. rules.Select(rule => Rule(policy, rule, direction))];
    }

    /// <summary>A rule as its policy's kind spells the action: ClusterNetworkPolicy (v1alpha2) says Accept for Allow.</summary>
    public static string Action(CompiledAdminPolicy policy, AdminAction action) => action switch
    {
        AdminAction.Allow => policy.Ref.Kind == PolicyKind.ClusterNetworkPolicy ? "Accept" : "Allow",
        AdminAction.Deny => "Deny",
        _ => "Pass",
    };

    /// <summary><c>ingress[0]</c>, or <c>ingress[0] "name"</c> for a named rule.</summary>
    public static string Label(CompiledRule rule) => rule.Name is null ? rule.Path(-1) : $"{rule.Path(-1)} \"{rule.Name}\"";

    /// <summary><c>ingress[0] "name": Deny from …, on …</c>.</summary>
    public static string Rule(CompiledAdminPolicy policy, CompiledRule rule, Direction direction)
    {
        var preposition = direction == Reachability.Direction.Ingress ? "from" : "to";
        var label = Label(rule);
        var action = Action(policy, rule.Action);
        var peers = rule.Peers.Length == 1 && rule.Peers[0] is AllPeers
            ? (direction == Reachability.Direction.Ingress ? "any source" : "any destination")
            : string.Join(" or ", rule.Peers.Select(PeerWords.Of));
        var text = $"{label}: {action} {preposition} {peers}, {PortWords.Of(rule.Ports)}";
        if (rule.Action == AdminAction.Pass)
            text += policy.Tier == PolicyTier.Admin ? " (the decision passes to NetworkPolicies)" : " (the decision passes to the default: allowed)";
        return text;
    }
}
