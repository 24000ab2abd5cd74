using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// A networking.k8s.io/v1 NetworkPolicy compiled once. It selects pods in its own namespace by <see cref="PodSelector"/>
/// and, for each direction in its effective policyTypes, isolates them and allows the union of its rules.
/// </summary>
public sealed record CompiledNetworkPolicy(
    PolicyRef Ref,
    string Namespace,
    CompiledSelector PodSelector,
    bool AffectsIngress,
    bool AffectsEgress,
    ImmutableArray<CompiledRule> IngressRules,
    ImmutableArray<CompiledRule> EgressRules)
{
    public NetworkPolicyInfo? Source { get; init; }

    public bool Affects(Direction direction) => direction == Direction.Ingress ? AffectsIngress : AffectsEgress;

    public ImmutableArray<CompiledRule> Rules(Direction direction) => direction == Direction.Ingress ? IngressRules : EgressRules;

    /// <summary>
    /// "podSelector selects the pods to which this NetworkPolicy object applies … An empty podSelector selects all pods
    /// in this namespace." Host-network pods are never selected: their traffic is node traffic.
    /// </summary>
    public bool Selects(EndpointFacts pod) =>
        pod.IsSelectablePod && string.Equals(pod.Namespace, Namespace, StringComparison.Ordinal) && PodSelector.Matches(pod.PodLabels);

    /// <summary>Selects the pod and lists this direction in its effective policyTypes: the pod is isolated for it.</summary>
    public bool Isolates(EndpointFacts pod, Direction direction) => Affects(direction) && Selects(pod);
}
