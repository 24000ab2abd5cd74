using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// <see cref="IReachabilityEngine"/> over a <see cref="FastReachability"/>: a verdict reads only the two classes'
/// programs, never the other policies or pods. The trail has the same steps the reference engine gives. Endpoints the
/// snapshot does not know (a pod object that is not in it, an address that does not parse) are handed to the reference
/// engine, built on first need.
/// </summary>
public sealed class FastEngine : IReachabilityEngine
{
    private ReferenceEngine? _fallback;
    private Dictionary<IpAddr, int>? _podByIp;

    public FastEngine(FastReachability reachability) => Reachability = reachability;

    public static FastEngine For(ClusterSnapshot snapshot) => new(FastReachability.Build(snapshot));

    public FastReachability Reachability { get; }

    public Verdict Evaluate(Endpoint source, Endpoint destination, int port, Protocol protocol)
    {
        if (!TryResolve(source, out var src, out var from) || !TryResolve(destination, out var dst, out var to))
            return (_fallback ??= ReferenceEngine.For(Reachability.Snapshot)).Evaluate(source, destination, port, protocol);

        var classes = Reachability.Partition.Classes;
        var dstHasIp = !dst.IsPod || classes[dst.ClassId].HasIp;
        var srcHasIp = !src.IsPod || classes[src.ClassId].HasIp;
        if (src.IsPod && dst.IsPod && src.PodIndex == dst.PodIndex)
            return Verdict.ForLoopback(from, to, port, protocol, dstHasIp);
        var egress = Explain(Direction.Egress, src, dst, port, protocol);
        var ingress = Explain(Direction.Ingress, dst, src, port, protocol);
        // Resolved external endpoints are parsed addresses, so only pods can lack an IP here.
        return Verdict.Of(from, to, port, protocol, (src.IsPod, srcHasIp), (dst.IsPod, dstHasIp), egress, ingress);
    }

    private bool TryResolve(Endpoint endpoint, out FastEndpoint resolved, out string text)
    {
        resolved = default;
        text = endpoint.ToString();
        switch (endpoint)
        {
            case Endpoint.Pod pod:
                return Reachability.TryGetPod(pod.Info.Key, out resolved);
            case Endpoint.External external when IpAddr.TryParse(external.Ip, out var ip):
                // An address owned by a pod on the pod network is that pod.
                if (PodByIp().TryGetValue(ip, out var index))
                {
                    resolved = Reachability.PodEndpoint(index);
                    var owner = Reachability.Partition.Pods[index];
                    text = $"{owner.Namespace}/{owner.Name}";
                }
                else resolved = FastEndpoint.External(ip);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Pod-network pods by address; when two share one, the first by namespace then name owns it.</summary>
    private Dictionary<IpAddr, int> PodByIp()
    {
        if (_podByIp is { } cached) return cached;
        var pods = Reachability.Partition.Pods;
        var order = Enumerable.Range(0, pods.Count).Where(i => !pods[i].HostNetwork)
            .OrderBy(i => pods[i].Namespace, StringComparer.Ordinal).ThenBy(i => pods[i].Name, StringComparer.Ordinal);
        var map = new Dictionary<IpAddr, int>();
        foreach (var i in order)
            foreach (var ip in ClassPartition.ParseIps(pods[i].Ips))
                map.TryAdd(ip, i);
        return _podByIp = map;
    }

    /// <summary>One direction at <paramref name="subject"/> with <paramref name="peer"/> the other side, as a trail.</summary>
    private DirectionVerdict Explain(Direction direction, FastEndpoint subject, FastEndpoint peer, int port, Protocol protocol)
    {
        var classes = Reachability.Partition.Classes;
        if (!subject.IsPod || classes[subject.ClassId].HostNetwork)
        {
            var why = subject.IsPod
                ? "host-network pod: node traffic, not selected by any policy"
                : "not a pod: outside the scope of every policy";
            return new DirectionVerdict(direction, true, [new TrailStep(PolicyTier.Default, StepOutcome.NotSubjectToPolicy, Note: why)]);
        }
        var program = direction == Direction.Ingress ? Reachability.IngressOf(subject.ClassId) : Reachability.EgressOf(subject.ClassId);
        var destination = direction == Direction.Ingress ? classes[subject.ClassId] : (peer.IsPod ? classes[peer.ClassId] : null);
        var trail = ImmutableArray.CreateBuilder<TrailStep>();

        var admin = TierStep(PolicyTier.Admin, program.Admin, program.AdminPolicies, peer, destination, port, protocol);
        if (admin is not null)
        {
            trail.Add(admin);
            if (admin.Outcome is StepOutcome.Allow or StepOutcome.Deny)
                return new DirectionVerdict(direction, admin.Outcome == StepOutcome.Allow, trail.ToImmutable());
        }
        if (program.Isolated)
        {
            foreach (var rule in program.NetworkPolicy)
            {
                var peerIndex = Match(rule, peer, destination, port, protocol);
                if (peerIndex < 0) continue;
                trail.Add(new TrailStep(PolicyTier.NetworkPolicy, StepOutcome.Allow, RuleRef.For(rule.Policy, rule.Rule, peerIndex), program.IsolatedBy));
                return new DirectionVerdict(direction, true, trail.ToImmutable());
            }
            trail.Add(new TrailStep(PolicyTier.NetworkPolicy, StepOutcome.NoRuleMatched, null, program.IsolatedBy));
            return new DirectionVerdict(direction, false, trail.ToImmutable());
        }
        trail.Add(new TrailStep(PolicyTier.NetworkPolicy, StepOutcome.NotIsolated));
        var baseline = TierStep(PolicyTier.Baseline, program.Baseline, program.BaselinePolicies, peer, destination, port, protocol);
        if (baseline is not null)
        {
            trail.Add(baseline);
            if (baseline.Outcome is StepOutcome.Allow or StepOutcome.Deny)
                return new DirectionVerdict(direction, baseline.Outcome == StepOutcome.Allow, trail.ToImmutable());
        }
        trail.Add(new TrailStep(PolicyTier.Default, StepOutcome.DefaultAllow));
        return new DirectionVerdict(direction, true, trail.ToImmutable());
    }

    private static int Match(FastRule rule, FastEndpoint peer, PodClass? destination, int port, Protocol protocol)
    {
        if (!rule.Ports.Matches(protocol, port, destination)) return -1;
        return peer.IsPod ? rule.MatchClass(peer.ClassId) : rule.MatchAddress(peer.Address);
    }

    /// <summary>First matching rule of the tier; the step lists the tier's selecting policies up to the deciding one.</summary>
    private static TrailStep? TierStep(PolicyTier tier, ImmutableArray<FastRule> rules, ImmutableArray<TierMember> selecting,
        FastEndpoint peer, PodClass? destination, int port, Protocol protocol)
    {
        if (selecting.IsEmpty) return null;
        foreach (var rule in rules)
        {
            var peerIndex = Match(rule, peer, destination, port, protocol);
            if (peerIndex < 0) continue;
            var outcome = rule.Action switch
            {
                AdminAction.Allow => StepOutcome.Allow,
                AdminAction.Deny => StepOutcome.Deny,
                _ => StepOutcome.Pass,
            };
            var upTo = ImmutableArray.CreateBuilder<PolicyRef>();
            foreach (var member in selecting)
            {
                upTo.Add(member.Policy);
                if (member.Policy == rule.Policy) break;
            }
            return new TrailStep(tier, outcome, RuleRef.For(rule.Policy, rule.Rule, peerIndex), upTo.ToImmutable());
        }
        return new TrailStep(tier, StepOutcome.NoRuleMatched, null, [.. selecting.Select(m => m.Policy)]);
    }
}
