using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Compose;

/// <summary>
/// Flags drafts that are valid but likely to break traffic, by comparing the cluster before and after them. Rules
/// follow the NetworkPolicy reference: a rule without <c>from</c>/<c>to</c> "matches all sources/destinations"; a
/// rule without <c>ports</c> matches all ports; a peer with an empty <c>namespaceSelector</c> selects all namespaces.
/// </summary>
public static class DraftDangers
{
    /// <summary>The DNS pods: CoreDNS and kube-dns both carry <c>k8s-app=kube-dns</c>.</summary>
    public static bool IsDnsPod(PodInfo pod) => pod.Labels.GetValueOrDefault("k8s-app") == "kube-dns";

    public static IReadOnlyList<DraftDanger> Check(ClusterSnapshot before, ClusterSnapshot after, IReadOnlyList<NetworkPolicyInfo> applied, IReadOnlyList<ObjectKey> deleted)
    {
        var dangers = new List<DraftDanger>();
        foreach (var policy in applied)
        {
            var name = $"{policy.Namespace}/{policy.Name}";
            foreach (var (rules, direction) in new[] { (policy.Ingress, "ingress"), (policy.Egress, "egress") })
                foreach (var (rule, i) in (rules.IsDefault ? [] : rules).Select((r, i) => (r, i)))
                {
                    var everyone = rule.Peers.IsDefaultOrEmpty || rule.Peers.Any(p => IsEveryone(p));
                    if (everyone && rule.Ports.IsDefaultOrEmpty)
                        dangers.Add(new DraftDanger(DangerKind.AllowsAll, name,
                            direction == "ingress"
                                ? $"{name} {direction}[{i}] admits every source on every port: the selected pods are open to all traffic"
                                : $"{name} {direction}[{i}] reaches every destination on every port"));
                    if (direction == "egress" && rule.Peers.IsDefault == false && rule.Peers.Any(p => p.IpBlock is { Cidr: "0.0.0.0/0" or "::/0" }))
                        dangers.Add(new DraftDanger(DangerKind.EgressToInternet, name, $"{name} egress[{i}] reaches the whole internet ({string.Join(", ", rule.Peers.Where(p => p.IpBlock is not null).Select(p => p.IpBlock!.Cidr))})"));
                }

            var selected = Selected(after, policy).ToList();
            var system = selected.Where(p => p.Namespace == "kube-system" || IsDnsPod(p)).ToList();
            if (system.Count > 0)
                dangers.Add(new DraftDanger(DangerKind.SelectsSystemPods, name,
                    $"{name} selects {system.Count} system pod{(system.Count == 1 ? "" : "s")} ({string.Join(", ", system.Take(3).Select(p => $"{p.Namespace}/{p.Name}"))}{(system.Count > 3 ? ", …" : "")})"));

            if (IsolatesEgress(policy)) CheckDns(before, after, policy, selected, dangers);
        }

        foreach (var key in deleted)
        {
            if (!before.NetworkPolicies.ContainsKey(key)) continue;
            var wasIsolated = before.NetworkPolicies.Values.Where(p => p.Namespace == key.Namespace).SelectMany(p => Selected(before, p)).Any();
            var stillIsolated = after.NetworkPolicies.Values.Where(p => p.Namespace == key.Namespace).SelectMany(p => Selected(after, p)).Any();
            if (wasIsolated && !stillIsolated)
                dangers.Add(new DraftDanger(DangerKind.RemovesLastIsolation, $"{key.Namespace}/{key.Name}",
                    $"deleting {key.Namespace}/{key.Name} leaves no policy in {key.Namespace}: every pod there accepts traffic from anywhere again"));
        }
        return dangers;
    }

    /// <summary>
    /// "If policyTypes is not specified, then by default Egress will be set if the NetworkPolicy has any egress rules"
    /// (NetworkPolicySpec.policyTypes); an explicit Egress type isolates even without rules.
    /// </summary>
    private static bool IsolatesEgress(NetworkPolicyInfo policy) =>
        policy.PolicyTypes is { IsDefault: false } types ? types.Contains(PolicyType.Egress) : !policy.Egress.IsDefaultOrEmpty;

    private static bool IsEveryone(NetworkPolicyPeer peer) =>
        (peer.IpBlock is { Cidr: "0.0.0.0/0" or "::/0", Except.IsDefaultOrEmpty: true }) ||
        (peer.IpBlock is null && peer.NamespaceSelector is { } ns && IsEmpty(ns) && (peer.PodSelector is null || IsEmpty(peer.PodSelector)));

    private static bool IsEmpty(LabelSelector selector) => selector.IsEmpty;

    /// <summary>"podSelector selects the pods to which this policy applies … in the policy's namespace"; host-network pods are node traffic.</summary>
    private static IEnumerable<PodInfo> Selected(ClusterSnapshot snapshot, NetworkPolicyInfo policy)
    {
        var selector = LabelSelectorMatcher.Compile(policy.PodSelector);
        return snapshot.Pods.Values.Where(p => p.Namespace == policy.Namespace && !p.HostNetwork && selector.Matches(p.Labels));
    }

    /// <summary>Pods the draft isolates for egress that reached a DNS pod on 53/UDP before and cannot after.</summary>
    private static void CheckDns(ClusterSnapshot before, ClusterSnapshot after, NetworkPolicyInfo policy, List<PodInfo> selected, List<DraftDanger> dangers)
    {
        var dns = before.Pods.Values.Where(IsDnsPod).OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).FirstOrDefault();
        var name = $"{policy.Namespace}/{policy.Name}";
        if (dns is null)
        {
            var allowsDnsPort = !policy.Egress.IsDefaultOrEmpty && policy.Egress.Any(r => r.Ports.IsDefaultOrEmpty || r.Ports.Any(p => p.Port?.Number == 53));
            if (!allowsDnsPort)
                dangers.Add(new DraftDanger(DangerKind.EgressWithoutDns, name, $"{name} isolates pods for egress and no rule allows port 53: name lookups will fail"));
            return;
        }
        var engineBefore = ReferenceEngine.For(before);
        var engineAfter = ReferenceEngine.For(after);
        var broken = selected.Where(p => p.Key != dns.Key).Take(50)
            .Where(p => engineBefore.Evaluate(Endpoint.Of(p), Endpoint.Of(dns), 53, Protocol.UDP).Allowed && !engineAfter.Evaluate(Endpoint.Of(p), Endpoint.Of(dns), 53, Protocol.UDP).Allowed)
            .ToList();
        if (broken.Count > 0)
            dangers.Add(new DraftDanger(DangerKind.EgressWithoutDns, name,
                $"{name} isolates pods for egress without allowing DNS: {string.Join(", ", broken.Take(3).Select(p => $"{p.Namespace}/{p.Name}"))}{(broken.Count > 3 ? ", …" : "")} can no longer reach {dns.Namespace}/{dns.Name} on 53/UDP"));
    }
}
