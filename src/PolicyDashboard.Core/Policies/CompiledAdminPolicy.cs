using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy compiled once. <see cref="Subject"/> is
/// a pod matcher (namespaces, or namespaces AND pods; host-network pods are never subjects). Rules are evaluated in
/// order; the first match decides.
/// </summary>
public sealed record CompiledAdminPolicy(
    PolicyRef Ref,
    PolicyTier Tier,
    int Priority,
    PeerMatcher Subject,
    ImmutableArray<CompiledRule> IngressRules,
    ImmutableArray<CompiledRule> EgressRules)
{
    public AdminPolicyInfo? Source { get; init; }

    public ImmutableArray<CompiledRule> Rules(Direction direction) => direction == Direction.Ingress ? IngressRules : EgressRules;

    public bool Selects(EndpointFacts pod) => Subject.Matches(pod);

    /// <summary>
    /// Evaluation order within a tier. ANP/CNP: "Policies with lower priority values have higher precedence". Equal
    /// priorities are undefined upstream ("the implementation can apply any of the matching policies"); we order them by
    /// kind (AdminNetworkPolicy, then BaselineAdminNetworkPolicy, then ClusterNetworkPolicy) and then by name, so results
    /// are deterministic. A BaselineAdminNetworkPolicy has no priority and counts as -1: it comes before
    /// ClusterNetworkPolicy Baseline-tier policies.
    /// </summary>
    public static readonly IComparer<CompiledAdminPolicy> EvaluationOrder = Comparer<CompiledAdminPolicy>.Create(static (a, b) =>
    {
        var c = a.Priority.CompareTo(b.Priority);
        if (c != 0) return c;
        c = a.Ref.Kind.CompareTo(b.Ref.Kind);
        return c != 0 ? c : string.CompareOrdinal(a.Ref.Name, b.Ref.Name);
    });
}
