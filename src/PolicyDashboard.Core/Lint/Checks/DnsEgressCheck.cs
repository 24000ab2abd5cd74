using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD004: a pod resolves names only if its egress to the cluster DNS pods — the <c>k8s-app=kube-dns</c> pods of
/// kube-system (CoreDNS keeps that label) — is allowed on 53/UDP and 53/TCP (TCP for truncated answers). Egress is
/// decided by the fast engine (the reference engine's verdicts and trails), every tier included, so an admin-tier
/// Deny is caught as well as NetworkPolicy isolation. Findings are grouped per namespace, deciding policies and missing protocols. Without DNS pods in the
/// snapshot (manifests), a pod isolated for egress by NetworkPolicy needs some rule that allows port 53.
/// </summary>
internal sealed class DnsEgressCheck(EgressProbe probe) : ILintCheck
{
    public const string DnsNamespace = "kube-system";
    public const string DnsLabelKey = "k8s-app";
    public const string DnsLabelValue = "kube-dns";
    public const int DnsPort = 53;
    private static readonly Protocol[] DnsProtocols = [Protocol.UDP, Protocol.TCP];

    public IEnumerable<LintFinding> Run(LintContext context)
    {
        var dnsPods = context.PodsIn(DnsNamespace).Where(p => p.Addressable && p.Labels.TryGetValue(DnsLabelKey, out var v) && v == DnsLabelValue).ToList();
        var groups = new SortedDictionary<string, (string Namespace, List<LintObject> Policies, List<PodInfo> Pods, Protocol[] Missing)>(StringComparer.Ordinal);
        var engine = dnsPods.Count > 0 ? context.FastEngine : null;
        var partition = engine?.Reachability.Partition;

        // Egress from a pod depends only on its class (namespace and the label values selectors look at): pods of
        // one class are decided once.
        var decided = new Dictionary<int, (List<LintObject> Responsible, Protocol[] Missing)?>();
        foreach (var pod in context.Pods)
        {
            if (pod.HostNetwork || !pod.Addressable || dnsPods.Contains(pod)) continue;
            var classId = partition is not null && partition.TryGetPodIndex(pod.Key, out var index) ? partition.ClassOfPod(index) : -1;
            if (classId < 0 || !decided.TryGetValue(classId, out var outcome))
            {
                outcome = Decide(engine, dnsPods, pod);
                if (classId >= 0) decided[classId] = outcome;
            }
            if (outcome is not var (responsible, missing)) continue;

            var key = pod.Namespace + "|" + string.Join(",", responsible) + "|" + string.Join(",", missing);
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = (pod.Namespace, responsible, [], missing);
            group.Pods.Add(pod);
        }

        foreach (var (ns, policies, pods, missing) in groups.Values)
        {
            var target = dnsPods.Count > 0 ? "the cluster DNS pods (kube-system, k8s-app=kube-dns)" : "any destination (no cluster DNS pods in the snapshot)";
            var shown = string.Join(", ", pods.Take(5).Select(p => p.Name)) + (pods.Count > 5 ? $" and {pods.Count - 5} more" : "");
            var by = policies.Count == 0 ? "" : $" ({string.Join(", ", policies.Select(p => p.Key.Namespace.Length == 0 ? $"{p.Kind} {p.Key.Name}" : p.Key.Name))})";
            yield return new LintFinding(LintCodes.EgressWithoutDns, LintSeverity.Warning,
                $"{pods.Count} pod{(pods.Count == 1 ? "" : "s")} in {ns} ({shown}) cannot send {string.Join(" and ", missing.Select(m => $"{DnsPort}/{m}"))} to {target}: egress policy{by} leaves no DNS allowance, so name resolution fails.",
                [.. policies, LintObject.Namespace(ns)], "spec.egress");
        }
    }

    /// <summary>The protocols the pod cannot use to reach DNS and the policies deciding so; null when DNS works.</summary>
    private (List<LintObject> Responsible, Protocol[] Missing)? Decide(IReachabilityEngine? engine, List<PodInfo> dnsPods, PodInfo pod)
    {
        List<LintObject> responsible;
        Protocol[] missing;
        if (engine is not null)
        {
            var verdicts = DnsProtocols.Select(proto => (proto, Denials: dnsPods
                .Select(dns => engine.Evaluate(Endpoint.Of(pod), Endpoint.Of(dns), DnsPort, proto).Egress)
                .ToList())).ToList();
            var failing = verdicts.Where(v => v.Denials.All(d => !d.Allowed)).ToList();
            if (failing.Count == 0) return null;
            missing = [.. failing.Select(v => v.proto)];
            responsible = [.. failing.SelectMany(v => v.Denials).SelectMany(Deciders).Distinct()];
        }
        else
        {
            var isolating = probe.EgressPolicies(pod);
            if (isolating.Count == 0) return null;
            missing = [.. DnsProtocols.Where(proto => !probe.EgressAllowsPortAnywhere(pod, DnsPort, proto))];
            if (missing.Length == 0) return null;
            responsible = [.. isolating.Select(LintObject.For)];
        }
        return (responsible, missing);
    }

    /// <summary>The policies that decided a denial: the Deny rule's policy, or the policies that isolate without a matching rule.</summary>
    private static IEnumerable<LintObject> Deciders(DirectionVerdict verdict)
    {
        if (verdict.Trail.IsEmpty) yield break;
        var last = verdict.Trail[^1];
        if (last.Rule is { } rule) yield return Object(rule.Policy);
        else foreach (var p in last.Policies) yield return Object(p);
    }

    private static LintObject Object(PolicyRef policy) =>
        new(policy.Kind.ToString(), new ObjectKey(policy.Namespace ?? "", policy.Name));
}
