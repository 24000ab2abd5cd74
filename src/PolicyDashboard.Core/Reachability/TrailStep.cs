using System.Collections.Immutable;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability;

/// <summary>What one tier did with the traffic.</summary>
public enum StepOutcome
{
    /// <summary>A rule allowed it (admin tiers: Allow/Accept; NetworkPolicy: a rule of a selecting policy matched).</summary>
    Allow,
    /// <summary>An admin-tier Deny rule matched.</summary>
    Deny,
    /// <summary>An admin-tier Pass rule matched: evaluation continues in the next tier.</summary>
    Pass,
    /// <summary>Policies select the pod but none of their rules matched (NetworkPolicy: the pod is isolated, so denied).</summary>
    NoRuleMatched,
    /// <summary>No NetworkPolicy isolates the pod for this direction: evaluation continues in the Baseline tier.</summary>
    NotIsolated,
    /// <summary>No policy can select this side (outside the cluster, or a host-network pod): allowed.</summary>
    NotSubjectToPolicy,
    /// <summary>Nothing decided: Kubernetes' default is to allow.</summary>
    DefaultAllow,
    /// <summary>A pod reaching its own IP: always allowed.</summary>
    Loopback,
}

/// <summary>The rule (and peer) that matched: <c>default/allow-redis ingress[0].from[0]</c>.</summary>
public sealed record RuleRef(PolicyRef Policy, Direction Direction, int RuleIndex, string? RuleName, int? PeerIndex, string Path)
{
    public static RuleRef For(PolicyRef policy, CompiledRule rule, int peerIndex) =>
        new(policy, rule.Direction, rule.Index, rule.Name, rule.PeersOmitted || peerIndex < 0 ? null : peerIndex, rule.Path(peerIndex));

    public override string ToString() => RuleName is null ? $"{Policy} {Path}" : $"{Policy} {Path} \"{RuleName}\"";
}

/// <summary>One step of the deciding trail for one direction.</summary>
public sealed record TrailStep(PolicyTier Tier, StepOutcome Outcome, RuleRef? Rule = null, ImmutableArray<PolicyRef> Policies = default, string? Note = null)
{
    /// <summary>The policies of this tier that select the pod (NetworkPolicy: those that isolate it for this direction).</summary>
    public ImmutableArray<PolicyRef> Policies { get; init; } = Policies.IsDefault ? ImmutableArray<PolicyRef>.Empty : Policies;

    /// <summary>True for the outcomes that end evaluation.</summary>
    public bool IsFinal => Outcome is not (StepOutcome.Pass or StepOutcome.NotIsolated) &&
                           !(Outcome == StepOutcome.NoRuleMatched && Tier != PolicyTier.NetworkPolicy);

    public override string ToString()
    {
        var tag = Rule?.Policy.Tag ?? Tier.ToString();
        var policies = string.Join(", ", Policies.Select(p => Tier == PolicyTier.NetworkPolicy ? p.ToString() : $"{p.Tag} {p}"));
        return (Tier, Outcome) switch
        {
            (PolicyTier.NetworkPolicy, StepOutcome.Allow) => $"[NetworkPolicy] allowed by {Rule}",
            (PolicyTier.NetworkPolicy, StepOutcome.NoRuleMatched) => $"[NetworkPolicy] no rule matched; isolated by {policies}",
            (PolicyTier.NetworkPolicy, StepOutcome.NotIsolated) => "[NetworkPolicy] not isolated",
            (_, StepOutcome.Allow or StepOutcome.Deny or StepOutcome.Pass) => $"[{tag}] {Outcome} ({Rule})",
            (_, StepOutcome.NoRuleMatched) => $"[{tag}] no rule matched in {policies}",
            (_, StepOutcome.NotSubjectToPolicy) => $"[Default] allowed: {Note}",
            (_, StepOutcome.Loopback) => "[Loopback] allowed: a pod may always reach its own IP",
            _ => Note is null ? "[Default] allowed" : $"[Default] allowed: {Note}",
        };
    }
}
