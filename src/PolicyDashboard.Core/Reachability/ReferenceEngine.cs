using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability;

/// <summary>
/// The oracle: evaluates one connection by walking every policy, tier by tier, exactly as the APIs describe. Slow
/// (each call looks at every policy) and obviously correct; the fast engine is tested against it.
/// Not modelled: the concepts page's exception that "traffic to and from the node where a Pod is running is always
/// allowed" — a node address (or a host-network pod) is judged like any other address, as ANP/CNP nodes peers require.
/// </summary>
public sealed class ReferenceEngine(CompiledCluster cluster) : IReachabilityEngine
{
    public CompiledCluster Cluster { get; } = cluster;

    public static ReferenceEngine For(ClusterSnapshot snapshot) => new(CompiledCluster.Compile(snapshot));

    public Verdict Evaluate(Endpoint source, Endpoint destination, int port, Protocol protocol)
    {
        var src = Cluster.Facts(source);
        var dst = Cluster.Facts(destination);
        var from = src.Endpoint.ToString();
        var to = dst.Endpoint.ToString();

        if (src.Pod is not null && dst.Pod is not null && src.Pod.Key == dst.Pod.Key)
            return Verdict.ForLoopback(from, to, port, protocol, dst.HasIp);

        var egress = Decide(Direction.Egress, subject: src, peer: dst, destination: dst, port, protocol);
        var ingress = Decide(Direction.Ingress, subject: dst, peer: src, destination: dst, port, protocol);
        return Verdict.Of(from, to, port, protocol, (src.Pod is not null, src.HasIp), (dst.Pod is not null, dst.HasIp), egress, ingress);
    }

    /// <summary>
    /// One direction at the <paramref name="subject"/> pod (the source for egress, the destination for ingress), with
    /// <paramref name="peer"/> the other side. Tiers in order: Admin, NetworkPolicy, Baseline, default allow.
    /// </summary>
    public DirectionVerdict Decide(Direction direction, EndpointFacts subject, EndpointFacts peer, EndpointFacts destination, int port, Protocol protocol)
    {
        if (!subject.IsSelectablePod)
        {
            var why = subject.IsHostNetworkPod
                ? "host-network pod: node traffic, not selected by any policy"
                : "not a pod: outside the scope of every policy";
            return new DirectionVerdict(direction, true, [new TrailStep(PolicyTier.Default, StepOutcome.NotSubjectToPolicy, Note: why)]);
        }

        var trail = ImmutableArray.CreateBuilder<TrailStep>();

        // Admin tier (ANP, CNP Admin): "policies with lower priority values have higher precedence"; within a policy
        // "rules … are evaluated in order"; the first matching rule decides. Allow/Accept and Deny are final;
        // Pass "skips all further … rules in the current tier" and hands over to NetworkPolicy.
        var admin = Tier(Cluster.AdminTier, PolicyTier.Admin, direction, subject, peer, destination, port, protocol);
        if (admin is not null)
        {
            trail.Add(admin);
            if (admin.Outcome is StepOutcome.Allow or StepOutcome.Deny)
                return new DirectionVerdict(direction, admin.Outcome == StepOutcome.Allow, trail.ToImmutable());
        }

        // NetworkPolicy tier: "A pod is isolated for ingress (egress) if there is any NetworkPolicy that both selects the
        // pod and has Ingress (Egress) in its policyTypes." An isolated pod gets exactly "the union of what each
        // policy that applies to the pod allows"; the order of policies does not matter.
        List<PolicyRef>? isolating = null;
        RuleRef? allowedBy = null;
        foreach (var policy in Cluster.NetworkPoliciesIn(subject.Namespace!))
        {
            if (!policy.Isolates(subject, direction)) continue;
            (isolating ??= []).Add(policy.Ref);
            if (allowedBy is not null) continue;
            foreach (var rule in policy.Rules(direction))
            {
                var peerIndex = rule.MatchingPeer(peer, port, protocol, destination);
                if (peerIndex < 0) continue;
                allowedBy = RuleRef.For(policy.Ref, rule, peerIndex);
                break;
            }
        }
        if (isolating is not null)
        {
            trail.Add(allowedBy is not null
                ? new TrailStep(PolicyTier.NetworkPolicy, StepOutcome.Allow, allowedBy, [.. isolating])
                : new TrailStep(PolicyTier.NetworkPolicy, StepOutcome.NoRuleMatched, null, [.. isolating]));
            return new DirectionVerdict(direction, allowedBy is not null, trail.ToImmutable());
        }
        trail.Add(new TrailStep(PolicyTier.NetworkPolicy, StepOutcome.NotIsolated));

        // Baseline tier (BANP, CNP Baseline): reached only when no NetworkPolicy isolates the pod for this direction.
        var baseline = Tier(Cluster.BaselineTier, PolicyTier.Baseline, direction, subject, peer, destination, port, protocol);
        if (baseline is not null)
        {
            trail.Add(baseline);
            if (baseline.Outcome is StepOutcome.Allow or StepOutcome.Deny)
                return new DirectionVerdict(direction, baseline.Outcome == StepOutcome.Allow, trail.ToImmutable());
        }

        // "If a given connection wasn't allowed or denied by any of the tiers, the default kubernetes policy is
        // applied, which says that all pods can communicate with each other."
        trail.Add(new TrailStep(PolicyTier.Default, StepOutcome.DefaultAllow));
        return new DirectionVerdict(direction, true, trail.ToImmutable());
    }

    /// <summary>
    /// First matching rule of the tier's policies that select the subject, in evaluation order; a NoRuleMatched step
    /// when policies select it but none of their rules match; null when no policy of the tier selects it.
    /// </summary>
    private static TrailStep? Tier(ImmutableArray<CompiledAdminPolicy> policies, PolicyTier tier, Direction direction,
        EndpointFacts subject, EndpointFacts peer, EndpointFacts destination, int port, Protocol protocol)
    {
        List<PolicyRef>? selecting = null;
        foreach (var policy in policies)
        {
            if (!policy.Selects(subject)) continue;
            (selecting ??= []).Add(policy.Ref);
            foreach (var rule in policy.Rules(direction))
            {
                var peerIndex = rule.MatchingPeer(peer, port, protocol, destination);
                if (peerIndex < 0) continue;
                var outcome = rule.Action switch
                {
                    AdminAction.Allow => StepOutcome.Allow,
                    AdminAction.Deny => StepOutcome.Deny,
                    _ => StepOutcome.Pass,
                };
                return new TrailStep(tier, outcome, RuleRef.For(policy.Ref, rule, peerIndex), [.. selecting]);
            }
        }
        return selecting is null ? null : new TrailStep(tier, StepOutcome.NoRuleMatched, null, [.. selecting]);
    }
}
