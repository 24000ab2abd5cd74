namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>Why one direction of a connection was allowed or denied.</summary>
public enum FastReason
{
    /// <summary>No admin, NetworkPolicy or baseline rule applies: the default is to allow.</summary>
    NotIsolated,
    AdminAllowed,
    AdminDenied,
    /// <summary>A NetworkPolicy rule of a policy isolating the pod allowed it.</summary>
    NetworkPolicyAllowed,
    /// <summary>The pod is isolated by NetworkPolicies and none of their rules matched.</summary>
    NetworkPolicyDenied,
    BaselineAllowed,
    BaselineDenied,
    /// <summary>hostNetwork pods are node traffic; no pod-level policy selects them.</summary>
    HostNetwork,
    /// <summary>The other endpoint is outside the cluster; this side has no policies to apply.</summary>
    External,
}

/// <summary>
/// The verdict of one direction and what decided it: the rule (and its peer index) that matched, and whether an
/// admin rule passed the decision on to the NetworkPolicy tier.
/// </summary>
public readonly record struct FastDecision(bool Allowed, FastReason Reason, FastRule? Rule, int PeerIndex, FastRule? PassedBy)
{
    public override string ToString()
    {
        var pass = PassedBy is null ? "" : $"{PassedBy} Pass → ";
        return Rule is null ? $"{pass}{Reason}" : $"{pass}{Rule}.peer[{PeerIndex}] {(Allowed ? "allows" : "denies")}";
    }
}
