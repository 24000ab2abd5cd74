using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>One rule as written: its peers are ORed, its ports are ORed, and peers AND ports must both match.</summary>
public sealed record RuleSummary(int Index, string? Name, string? Action, IReadOnlyList<string> Peers, IReadOnlyList<string> Ports);

/// <summary>A structured reading of a policy's spec (what it selects, its directions, its rules in order).</summary>
public sealed record PolicySpecSummary(
    string Kind,
    string Subject,
    IReadOnlyList<PolicyType> PolicyTypes,
    bool PolicyTypesDefaulted,
    string? Tier,
    int? Priority,
    IReadOnlyList<RuleSummary> Ingress,
    IReadOnlyList<RuleSummary> Egress)
{
    public static PolicySpecSummary Of(NetworkPolicyInfo policy)
    {
        var subject = policy.PodSelector.IsEmpty
            ? $"all pods in {policy.Namespace}"
            : $"pods {SpecText.Selector(policy.PodSelector)} in {policy.Namespace}";
        return new PolicySpecSummary("NetworkPolicy", subject, EffectivePolicyTypes(policy), policy.PolicyTypes is null,
            null, null, Rules(policy.Ingress, "from"), Rules(policy.Egress, "to"));
    }

    public static PolicySpecSummary Of(AdminPolicyInfo policy)
    {
        var types = new List<PolicyType>(2);
        if (!policy.Ingress.IsDefaultOrEmpty) types.Add(PolicyType.Ingress);
        if (!policy.Egress.IsDefaultOrEmpty) types.Add(PolicyType.Egress);
        return new PolicySpecSummary(policy.Kind.ToString(), SpecText.Subject(policy.Subject), types, false,
            policy.Tier.ToString(), policy.Priority, AdminRules(policy.Ingress), AdminRules(policy.Egress));
    }

    /// <summary>
    /// NetworkPolicySpec.policyTypes: "If this field is not specified, it will default based on the existence of
    /// ingress or egress rules; policies that contain an egress section are assumed to affect egress, and all
    /// policies (whether or not they contain an ingress section) are assumed to affect ingress."
    /// </summary>
    public static IReadOnlyList<PolicyType> EffectivePolicyTypes(NetworkPolicyInfo policy)
    {
        if (policy.PolicyTypes is { } written) return written.Distinct().Order().ToList();
        return policy.Egress.IsDefaultOrEmpty ? [PolicyType.Ingress] : [PolicyType.Ingress, PolicyType.Egress];
    }

    /// <summary>An empty or missing from/to matches all endpoints, also outside the cluster.</summary>
    private static IReadOnlyList<RuleSummary> Rules(ImmutableArray<NetworkPolicyRule> rules, string direction) =>
        rules.IsDefaultOrEmpty ? [] : rules.Select((r, i) => new RuleSummary(i + 1, null, null,
            r.Peers.IsDefaultOrEmpty ? [$"{direction} anywhere (every endpoint, in or outside the cluster)"] : r.Peers.Select(SpecText.Peer).ToList(),
            SpecText.Ports(r.Ports))).ToList();

    private static IReadOnlyList<RuleSummary> AdminRules(ImmutableArray<AdminRule> rules) =>
        rules.IsDefaultOrEmpty ? [] : rules.Select((r, i) => new RuleSummary(i + 1, r.Name, r.Action,
            r.Peers.IsDefaultOrEmpty ? ["(no peers)"] : r.Peers.Select(SpecText.Peer).ToList(),
            r.Ports is { } ports ? ports.Select(SpecText.Port).ToList() : ["all ports"])).ToList();
}
