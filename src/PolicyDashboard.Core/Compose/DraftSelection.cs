using System.Collections.Immutable;
using PolicyDashboard.Core.Lint.Checks;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;
using PolicyDashboard.Core.Validation;

namespace PolicyDashboard.Core.Compose;

/// <summary>
/// The live previews of the composer: which pods a draft's pod selector selects and what each of its peers matches,
/// evaluated on the current snapshot with the engine's selector semantics.
/// </summary>
public static class DraftSelection
{
    /// <summary>
    /// The pods a NetworkPolicy in <paramref name="policyNamespace"/> selects: spec.podSelector applies to pods of the
    /// policy's own namespace only, and an empty selector selects every pod there
    /// (https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec).
    /// </summary>
    public static SelectionPreview Subjects(ClusterSnapshot cluster, string policyNamespace, LabelSelector? podSelector)
    {
        var selector = LabelSelectorMatcher.Compile(podSelector ?? LabelSelector.Everything);
        if (!selector.Issues.IsDefaultOrEmpty) return SelectionPreview.Invalid($"the selector is invalid: {selector.Issues[0]}");
        var pods = PodsIn(cluster, ns => ns == policyNamespace, selector);
        return new SelectionPreview(pods, [policyNamespace], false);
    }

    /// <summary>
    /// What one peer of a rule matches (NetworkPolicyPeer: podSelector alone = pods of the policy's namespace;
    /// namespaceSelector alone = every pod of the matching namespaces; both = the matching pods of the matching
    /// namespaces; ipBlock = addresses in cidr outside every except, which includes pods whose IPs fall there and
    /// addresses outside the cluster).
    /// </summary>
    public static SelectionPreview Peer(ClusterSnapshot cluster, string policyNamespace, NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block)
        {
            if (CidrSyntax.ParseLegacy(block.Cidr) is null) return SelectionPreview.Invalid($"\"{block.Cidr}\" is not a CIDR");
            var inside = cluster.Pods.Values.Where(p => IpMatch.Contains(block, p)).OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToImmutableArray();
            return new SelectionPreview(inside, [.. inside.Select(p => p.Namespace).Distinct().Order(StringComparer.Ordinal)], true);
        }
        var pods = LabelSelectorMatcher.Compile(peer.PodSelector ?? LabelSelector.Everything);
        if (!pods.Issues.IsDefaultOrEmpty) return SelectionPreview.Invalid($"the pod selector is invalid: {pods.Issues[0]}");
        if (peer.NamespaceSelector is null)
            return new SelectionPreview(PodsIn(cluster, ns => ns == policyNamespace, pods), [policyNamespace], false);
        var namespaces = LabelSelectorMatcher.Compile(peer.NamespaceSelector);
        if (!namespaces.Issues.IsDefaultOrEmpty) return SelectionPreview.Invalid($"the namespace selector is invalid: {namespaces.Issues[0]}");
        var matched = cluster.Namespaces.Values.Where(n => namespaces.Matches(n.Labels)).Select(n => n.Name).Order(StringComparer.Ordinal).ToImmutableArray();
        var set = matched.ToHashSet(StringComparer.Ordinal);
        return new SelectionPreview(PodsIn(cluster, set.Contains, pods), matched, false);
    }

    /// <summary>A rule's peers together; a rule without peers matches every pod and every address (NetworkPolicyIngressRule.from).</summary>
    public static SelectionPreview Rule(ClusterSnapshot cluster, string policyNamespace, ImmutableArray<NetworkPolicyPeer> peers)
    {
        if (peers.IsDefaultOrEmpty)
            return new SelectionPreview([.. cluster.Pods.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)],
                [.. cluster.Namespaces.Keys.Select(k => k.Name).Order(StringComparer.Ordinal)], true);
        var parts = peers.Select(p => Peer(cluster, policyNamespace, p)).Where(p => p.Valid).ToList();
        var pods = parts.SelectMany(p => p.Pods).DistinctBy(p => p.Key).OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToImmutableArray();
        return new SelectionPreview(pods, [.. parts.SelectMany(p => p.Namespaces).Distinct().Order(StringComparer.Ordinal)], parts.Any(p => p.IncludesExternal));
    }

    /// <summary>
    /// The pods an admin-tier peer matches (policy.networking.k8s.io AdminNetworkPolicyPeer): namespaces = every pod of
    /// the matching namespaces; pods = the matching pods of the matching namespaces; networks = pods whose IPs fall in
    /// a listed CIDR, and addresses outside the cluster; no network listed matches nothing. A nodes peer matches nodes
    /// (and the host-network pods on them), not pods: see <see cref="Nodes"/>.
    /// </summary>
    public static SelectionPreview AdminPeer(ClusterSnapshot cluster, AdminPeer peer)
    {
        if (peer.Pods is { } pods) return Peer(cluster, "", new NetworkPolicyPeer(pods.PodSelector, pods.NamespaceSelector, null));
        if (peer.Networks is { } networks)
            return networks.IsDefaultOrEmpty
                ? SelectionPreview.Nothing
                : Rule(cluster, "", [.. networks.Select(n => new NetworkPolicyPeer(null, null, new IpBlock(n, [])))]);
        if (peer.Nodes is not null) return SelectionPreview.Nothing;
        return Peer(cluster, "", new NetworkPolicyPeer(null, peer.Namespaces ?? LabelSelector.Everything, null));
    }

    /// <summary>The nodes a nodes peer's selector matches.</summary>
    public static int Nodes(ClusterSnapshot cluster, LabelSelector selector) =>
        cluster.Nodes.Values.Count(n => LabelSelectorMatcher.Matches(selector, n.Labels));

    private static ImmutableArray<PodInfo> PodsIn(ClusterSnapshot cluster, Func<string, bool> inNamespace, CompiledSelector selector) =>
        [.. cluster.Pods.Values.Where(p => inNamespace(p.Namespace) && selector.Matches(p.Meta.Labels)).OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)];

    /// <summary>The labels of the pods in a namespace (all namespaces when null), most common first: what the builder offers as chips.</summary>
    public static IReadOnlyList<(string Key, string Value)> PodLabels(ClusterSnapshot cluster, string? ns, int max = 12) =>
        Common(cluster.Pods.Values.Where(p => ns is null || p.Namespace == ns).Select(p => p.Meta.Labels), max);

    /// <summary>The labels of the cluster's namespaces, most common first (kubernetes.io/metadata.name last: it names one namespace).</summary>
    public static IReadOnlyList<(string Key, string Value)> NamespaceLabels(ClusterSnapshot cluster, int max = 12) =>
        Common(cluster.Namespaces.Values.Select(n => n.Labels), max);

    /// <summary>The named container ports of some pods, e.g. redis → 6379/TCP: what a named port in a rule can resolve to.</summary>
    public static IReadOnlyList<ContainerPort> NamedPorts(IEnumerable<PodInfo> pods, int max = 12) =>
        [.. pods.SelectMany(p => p.Ports.IsDefault ? [] : p.Ports).Where(p => !string.IsNullOrEmpty(p.Name))
            .DistinctBy(p => (p.Name, p.Port, p.Protocol)).OrderBy(p => p.Name, StringComparer.Ordinal).Take(max)];

    /// <summary>Labels controllers stamp on pods to tell revisions apart: nobody selects by them in a policy.</summary>
    private static readonly HashSet<string> Generated = new(StringComparer.Ordinal)
    {
        "pod-template-hash", "controller-revision-hash", "pod-template-generation", "statefulset.kubernetes.io/pod-name",
        "batch.kubernetes.io/controller-uid", "controller-uid", "batch.kubernetes.io/job-name", "job-name",
    };

    private static List<(string Key, string Value)> Common(IEnumerable<Labels> labels, int max) =>
        [.. labels.SelectMany(l => l).Where(kv => !Generated.Contains(kv.Key)).GroupBy(kv => (kv.Key, kv.Value))
            .OrderBy(g => g.Key.Key == "kubernetes.io/metadata.name" ? 1 : 0)
            .ThenByDescending(g => g.Count()).ThenBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal)
            .Take(max).Select(g => g.Key)];
}
