using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD004: a pod isolated for egress resolves names only if some egress rule lets it reach the cluster DNS pods —
/// the <c>k8s-app=kube-dns</c> pods of kube-system (CoreDNS keeps that label) — on 53/UDP and 53/TCP (TCP for
/// truncated answers). Findings are grouped per namespace and set of isolating policies. Without DNS pods in the
/// snapshot, a rule allowing port 53 to any destination counts as an allowance.
/// </summary>
internal sealed class DnsEgressCheck(EgressProbe probe) : ILintCheck
{
    public const string DnsNamespace = "kube-system";
    public const string DnsLabelKey = "k8s-app";
    public const string DnsLabelValue = "kube-dns";
    public const int DnsPort = 53;

    public IEnumerable<LintFinding> Run(LintContext context)
    {
        var dnsPods = context.PodsIn(DnsNamespace).Where(p => p.HasIp && p.Labels.TryGetValue(DnsLabelKey, out var v) && v == DnsLabelValue).ToList();
        var groups = new SortedDictionary<string, (string Namespace, List<NetworkPolicyInfo> Policies, List<PodInfo> Pods, Protocol[] Missing)>(StringComparer.Ordinal);

        foreach (var pod in context.Pods)
        {
            if (pod.HostNetwork || dnsPods.Contains(pod)) continue;
            var isolating = probe.EgressPolicies(pod);
            if (isolating.Count == 0) continue;
            Protocol[] protocols = [Protocol.UDP, Protocol.TCP];
            var missing = protocols.Where(proto => dnsPods.Count > 0
                ? !dnsPods.Any(dns => probe.EgressAllowed(pod, dns, DnsPort, proto))
                : !probe.EgressAllowsPortAnywhere(pod, DnsPort, proto)).ToArray();
            if (missing.Length == 0) continue;
            var key = pod.Namespace + "|" + string.Join(",", isolating.Select(p => p.Name)) + "|" + string.Join(",", missing);
            if (!groups.TryGetValue(key, out var group))
                groups[key] = group = (pod.Namespace, isolating, [], missing);
            group.Pods.Add(pod);
        }

        foreach (var (ns, policies, pods, missing) in groups.Values)
        {
            var target = dnsPods.Count > 0 ? "the cluster DNS pods (kube-system, k8s-app=kube-dns)" : "any destination (no cluster DNS pods found)";
            var shown = string.Join(", ", pods.Take(5).Select(p => p.Name)) + (pods.Count > 5 ? $" and {pods.Count - 5} more" : "");
            yield return new LintFinding(LintCodes.EgressWithoutDns, LintSeverity.Warning,
                $"{pods.Count} pod{(pods.Count == 1 ? "" : "s")} in {ns} ({shown}) {(pods.Count == 1 ? "is" : "are")} isolated for egress by {string.Join(", ", policies.Select(p => p.Name))} and no egress rule allows {string.Join(" and ", missing.Select(m => $"{DnsPort}/{m}"))} to {target}: name resolution will fail.",
                [.. policies.Select(LintObject.For), LintObject.Namespace(ns)], "spec.egress");
        }
    }
}
