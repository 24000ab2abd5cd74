using System.Collections.Immutable;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability;

/// <summary>The decision for one direction (egress at the source, or ingress at the destination) and how it was reached.</summary>
public sealed record DirectionVerdict(Direction Direction, bool Allowed, ImmutableArray<TrailStep> Trail)
{
    public ImmutableArray<TrailStep> Trail { get; init; } = Trail.IsDefault ? ImmutableArray<TrailStep>.Empty : Trail;

    /// <summary>The tier of the final step.</summary>
    public PolicyTier DecidedBy => Trail.IsEmpty ? PolicyTier.Default : Trail[^1].Tier;

    /// <summary>The rule that decided, when a rule did.</summary>
    public RuleRef? DecidingRule => Trail.IsEmpty ? null : Trail[^1].Rule;

    /// <summary>e.g. <c>[ANP] Pass (dev-ns ingress[0].from[0]) → [NetworkPolicy] allowed by default/allow-redis ingress[0].from[0]</c>.</summary>
    public override string ToString() => string.Join(" → ", Trail);
}
