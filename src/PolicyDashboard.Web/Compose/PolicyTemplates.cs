using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Matrix;

namespace PolicyDashboard.Web.Compose;

/// <summary>A starting point for a draft, already fitted to the cluster.</summary>
public sealed record PolicyTemplate(string Id, string Title, string Description, string Yaml);

/// <summary>
/// Templates that adapt to the cluster: the DNS pods and ports are looked up (CoreDNS / kube-dns by
/// <c>k8s-app=kube-dns</c>, their declared DNS ports), so is the ingress controller's namespace.
/// </summary>
public static class PolicyTemplates
{
    public static readonly IReadOnlyList<(string Id, string Title)> All =
    [
        ("default-deny-ingress", "Default deny ingress"),
        ("default-deny-egress", "Default deny egress, DNS allowed"),
        ("allow-same-namespace", "Allow within the namespace"),
        ("allow-ingress-controller", "Allow from the ingress controller"),
        ("allow-from-namespace", "Allow from another namespace"),
        ("allow-redis", "The seed's allow-redis"),
    ];

    public static PolicyTemplate? Create(string id, string ns, ClusterSnapshot cluster, string? otherNamespace = null) => id switch
    {
        "default-deny-ingress" => Make(id, "Default deny ingress", $"Isolates every pod in {ns} for ingress: nothing reaches them unless another policy allows it.",
            new NetworkPolicyInfo(Meta("default-deny-ingress", ns), LabelSelector.Everything, [PolicyType.Ingress], [], [])),
        "default-deny-egress" => DenyEgressWithDns(ns, cluster),
        "allow-same-namespace" => Make(id, "Allow within the namespace", $"Every pod in {ns} accepts traffic from the other pods of {ns}.",
            new NetworkPolicyInfo(Meta("allow-same-namespace", ns), LabelSelector.Everything, [PolicyType.Ingress],
                [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Everything, null, null)], [])], [])),
        "allow-ingress-controller" => AllowIngressController(ns, cluster),
        "allow-from-namespace" => Make(id, "Allow from another namespace", $"Every pod in {ns} accepts traffic from the pods of namespace {otherNamespace ?? "monitoring"}.",
            new NetworkPolicyInfo(Meta($"allow-from-{otherNamespace ?? "monitoring"}", ns), LabelSelector.Everything, [PolicyType.Ingress],
                [new NetworkPolicyRule([new NetworkPolicyPeer(null, LabelSelector.Of(("kubernetes.io/metadata.name", otherNamespace ?? "monitoring")), null)], [])], [])),
        "allow-redis" => Make(id, "allow-redis", "The seed's policy: pods with role=db accept traffic only from pods with k8s-app=guestbook.",
            new NetworkPolicyInfo(Meta("allow-redis", ns), LabelSelector.Of(("role", "db")), null,
                [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null)], [])], [])),
        _ => null,
    };

    private static PolicyTemplate DenyEgressWithDns(string ns, ClusterSnapshot cluster)
    {
        var dns = cluster.Pods.Values.Where(DraftDangers.IsDnsPod).ToList();
        var dnsNamespace = dns.Select(p => p.Namespace).FirstOrDefault() ?? "kube-system";
        var ports = dns.SelectMany(p => p.Ports.IsDefault ? [] : p.Ports).Where(p => p.Port == 53 || p.Name is "dns" or "dns-tcp")
            .Select(p => (p.Port, p.Protocol)).Distinct().OrderBy(p => p.Protocol).ToList();
        if (ports.Count == 0) ports = [(53, Protocol.UDP), (53, Protocol.TCP)];
        var peer = new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "kube-dns")), LabelSelector.Of(("kubernetes.io/metadata.name", dnsNamespace)), null);
        var rule = new NetworkPolicyRule([peer], [.. ports.Select(p => new NetworkPolicyPort(p.Protocol.ToString(), IntOrString.Of(p.Port), null))]);
        var found = dns.Count > 0 ? $"the cluster DNS ({dns.Count} pod{(dns.Count == 1 ? "" : "s")} in {dnsNamespace}, {string.Join(", ", ports.Select(p => $"{p.Port}/{p.Protocol}"))})" : "the cluster DNS (not found: kube-system k8s-app=kube-dns assumed)";
        return Make("default-deny-egress", "Default deny egress, DNS allowed", $"Isolates every pod in {ns} for egress, except to {found}.",
            new NetworkPolicyInfo(Meta("default-deny-egress", ns), LabelSelector.Everything, [PolicyType.Egress], [], [rule]));
    }

    private static PolicyTemplate AllowIngressController(string ns, ClusterSnapshot cluster)
    {
        var controllers = IngressControllers.Of(cluster);
        var controllerNamespace = controllers.Select(p => p.Namespace).FirstOrDefault() ?? "ingress-nginx";
        var found = controllers.Count > 0 ? $"the ingress controller found in {controllerNamespace}" : "the ingress controller (none found: namespace ingress-nginx assumed)";
        return Make("allow-ingress-controller", "Allow from the ingress controller", $"Every pod in {ns} accepts traffic from {found}.",
            new NetworkPolicyInfo(Meta("allow-ingress-controller", ns), LabelSelector.Everything, [PolicyType.Ingress],
                [new NetworkPolicyRule([new NetworkPolicyPeer(null, LabelSelector.Of(("kubernetes.io/metadata.name", controllerNamespace)), null)], [])], []));
    }

    private static ObjectMeta Meta(string name, string ns) => new(name, ns);

    private static PolicyTemplate Make(string id, string title, string description, NetworkPolicyInfo policy) =>
        new(id, title, description, PolicyYaml.Of(policy));
}
