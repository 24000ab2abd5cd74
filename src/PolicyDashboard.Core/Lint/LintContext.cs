using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Selectors;
using PolicyDashboard.Core.Validation;

namespace PolicyDashboard.Core.Lint;

/// <summary>
/// The snapshot indexed for the checks: pods by namespace, namespace labels, compiled selectors, and the policies
/// the API server would accept (the others are reported once, as invalid, and not analysed further).
/// </summary>
internal sealed class LintContext
{
    /// <summary>Set by the API server on every namespace since 1.22 (NamespaceDefaultLabelName).</summary>
    internal const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private readonly ConditionalWeakTable<LabelSelector, CompiledSelector> _compiled = new();
    private readonly Dictionary<string, Labels> _namespaceLabels = new(StringComparer.Ordinal);
    private readonly Dictionary<LabelSelector, ImmutableArray<string>> _namespacesMatching = [];
    private readonly Dictionary<ObjectKey, ImmutableArray<CidrValue>> _addresses = [];
    private ILookup<string, NetworkPolicyInfo>? _policiesByNamespace;
    private HashSet<(string, Protocol)>? _declaredPorts;

    public LintContext(ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;
        Pods = [.. snapshot.Pods.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
        // hostNetwork pods are node traffic: "never selected by pod/namespace selectors".
        PodsByNamespace = Pods.Where(p => !p.HostNetwork).GroupBy(p => p.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

        foreach (var ns in snapshot.Namespaces.Values)
            _namespaceLabels[ns.Name] = ns.Labels.ContainsKey(NamespaceNameLabel) ? ns.Labels : ns.Labels.With(NamespaceNameLabel, ns.Name);
        foreach (var p in Pods)
            if (!_namespaceLabels.ContainsKey(p.Namespace))
                _namespaceLabels[p.Namespace] = Labels.Of((NamespaceNameLabel, p.Namespace));
        NamespaceNames = [.. _namespaceLabels.Keys.Order(StringComparer.Ordinal)];

        var npErrors = snapshot.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)
            .Select(p => (Policy: p, Errors: PolicyValidator.Validate(p))).ToList();
        var adminErrors = snapshot.AdminPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal)
            .Select(p => (Policy: p, Errors: PolicyValidator.Validate(p))).ToList();
        NetworkPolicyErrors = npErrors;
        AdminPolicyErrors = adminErrors;
        NetworkPolicies = [.. npErrors.Where(x => x.Errors.IsEmpty).Select(x => x.Policy)];
        AdminPolicies = [.. adminErrors.Where(x => x.Errors.IsEmpty).Select(x => x.Policy)];
    }

    public ClusterSnapshot Snapshot { get; }

    /// <summary>The reference engine over the valid policies only, built on first use.</summary>
    public ReferenceEngine Engine => _engine ??= ReferenceEngine.For(ValidSnapshot);

    private ReferenceEngine? _engine;

    /// <summary>All pods, hostNetwork ones included, ordered by namespace and name.</summary>
    public ImmutableArray<PodInfo> Pods { get; }

    /// <summary>hostNetwork pods by namespace.</summary>
    public ILookup<string, PodInfo> HostNetworkPods => _hostNetworkPods ??= Pods.Where(p => p.HostNetwork).ToLookup(p => p.Namespace, StringComparer.Ordinal);

    private ILookup<string, PodInfo>? _hostNetworkPods;

    /// <summary>The fast engine over the valid policies only, built on first use.</summary>
    public FastEngine FastEngine => _fastEngine ??= FastEngine.For(ValidSnapshot);

    private FastEngine? _fastEngine;

    private ClusterSnapshot ValidSnapshot => Snapshot with
    {
        NetworkPolicies = NetworkPolicies.ToImmutableDictionary(p => p.Key),
        AdminPolicies = AdminPolicies.ToImmutableDictionary(p => p.Key),
    };

    /// <summary>Pods that selectors can select (not hostNetwork), by namespace.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<PodInfo>> PodsByNamespace { get; }

    /// <summary>Namespaces known from namespace objects or from their pods.</summary>
    public ImmutableArray<string> NamespaceNames { get; }

    public IReadOnlyList<(NetworkPolicyInfo Policy, ImmutableArray<FieldError> Errors)> NetworkPolicyErrors { get; }
    public IReadOnlyList<(AdminPolicyInfo Policy, ImmutableArray<FieldError> Errors)> AdminPolicyErrors { get; }

    /// <summary>Valid NetworkPolicies, ordered by namespace and name.</summary>
    public ImmutableArray<NetworkPolicyInfo> NetworkPolicies { get; }

    /// <summary>Valid admin-tier policies, ordered by kind and name.</summary>
    public ImmutableArray<AdminPolicyInfo> AdminPolicies { get; }

    public Labels NamespaceLabels(string ns) => _namespaceLabels.TryGetValue(ns, out var l) ? l : Labels.Of((NamespaceNameLabel, ns));

    public CompiledSelector Compile(LabelSelector? selector) =>
        selector is null ? CompiledSelector.Nothing : _compiled.GetValue(selector, LabelSelectorMatcher.Compile);

    public ImmutableArray<PodInfo> PodsIn(string ns) => PodsByNamespace.TryGetValue(ns, out var pods) ? pods : [];

    /// <summary>Valid NetworkPolicies of one namespace.</summary>
    public IEnumerable<NetworkPolicyInfo> PoliciesIn(string ns) =>
        (_policiesByNamespace ??= NetworkPolicies.ToLookup(p => p.Namespace, StringComparer.Ordinal))[ns];

    /// <summary>Namespaces a selector matches; selectors equal in content share the answer.</summary>
    public ImmutableArray<string> NamespacesMatching(LabelSelector selector)
    {
        if (_namespacesMatching.TryGetValue(selector, out var known)) return known;
        var compiled = Compile(selector);
        return _namespacesMatching[selector] = [.. NamespaceNames.Where(ns => compiled.Matches(NamespaceLabels(ns)))];
    }

    /// <summary>A pod's addresses, parsed once.</summary>
    public ImmutableArray<CidrValue> Addresses(PodInfo pod)
    {
        if (_addresses.TryGetValue(pod.Key, out var known)) return known;
        return _addresses[pod.Key] = pod.HasIp ? [.. pod.Ips.Select(Checks.IpMatch.Address).OfType<CidrValue>()] : [];
    }

    /// <summary>Whether any selectable pod declares a container port of this name and protocol (null: any protocol).</summary>
    public bool AnyPodDeclares(string name, Protocol? protocol)
    {
        _declaredPorts ??= [.. PodsByNamespace.Values.SelectMany(p => p).SelectMany(p => p.Ports.IsDefault ? [] : p.Ports)
            .Where(p => p.Name is not null).Select(p => (p.Name!, p.Protocol))];
        return protocol is { } proto
            ? _declaredPorts.Contains((name, proto))
            : _declaredPorts.Contains((name, Protocol.TCP)) || _declaredPorts.Contains((name, Protocol.UDP)) || _declaredPorts.Contains((name, Protocol.SCTP));
    }

    /// <summary>"podSelector selects the pods to which this NetworkPolicy object applies" — in the policy's namespace.</summary>
    public IEnumerable<PodInfo> SelectedBy(NetworkPolicyInfo policy)
    {
        var selector = Compile(policy.PodSelector);
        return PodsIn(policy.Namespace).Where(p => selector.Matches(p.Labels));
    }

    /// <summary>
    /// The pods a NetworkPolicy peer selects: podSelector alone = pods of the policy's namespace; namespaceSelector
    /// alone = all pods of the matching namespaces; both = pods matching podSelector in those namespaces. An ipBlock
    /// peer selects by address, not by pod, and yields nothing here.
    /// </summary>
    public IEnumerable<PodInfo> PeerPods(NetworkPolicyPeer peer, string policyNamespace)
    {
        if (peer.IpBlock is not null || (peer.PodSelector is null && peer.NamespaceSelector is null)) return [];
        var pods = Compile(peer.PodSelector ?? LabelSelector.Everything);
        IEnumerable<string> namespaces = peer.NamespaceSelector is null ? [policyNamespace] : NamespacesMatching(peer.NamespaceSelector);
        return namespaces.SelectMany(ns => PodsIn(ns)).Where(p => pods.Matches(p.Labels));
    }

    /// <summary>Admin subject: all pods of the matching namespaces, or the matching pods of the matching namespaces.</summary>
    public IEnumerable<PodInfo> SubjectPods(AdminSubject subject) => NamespacedPods(subject.Namespaces, subject.Pods);

    /// <summary>Pods an admin-tier namespaces/pods peer selects; nodes and networks peers select no pod.</summary>
    public IEnumerable<PodInfo> AdminPeerPods(AdminPeer peer) => NamespacedPods(peer.Namespaces, peer.Pods);

    public IEnumerable<NodeInfo> NodesMatching(LabelSelector selector)
    {
        var compiled = Compile(selector);
        return Snapshot.Nodes.Values.Where(n => compiled.Matches(n.Labels));
    }

    private IEnumerable<PodInfo> NamespacedPods(LabelSelector? namespaces, NamespacedPodSelector? pods)
    {
        if (namespaces is not null) return NamespacesMatching(namespaces).SelectMany(ns => PodsIn(ns));
        if (pods is null) return [];
        var podSelector = Compile(pods.PodSelector);
        return NamespacesMatching(pods.NamespaceSelector).SelectMany(ns => PodsIn(ns)).Where(p => podSelector.Matches(p.Labels));
    }

    /// <summary>
    /// policyTypes defaulting: "If this field is not specified, it will default based on the existence of ingress or
    /// egress rules; policies that contain an egress section are assumed to affect egress, and all policies … are
    /// assumed to affect ingress."
    /// </summary>
    public static bool Affects(NetworkPolicyInfo policy, PolicyType type) =>
        policy.PolicyTypes is { IsDefault: false } types
            ? types.Contains(type)
            : type == PolicyType.Ingress || !policy.Egress.IsDefaultOrEmpty;

    /// <summary>The field the admin-tier kind names its port list with.</summary>
    public static string PortsField(AdminPolicyInfo policy) => policy.Kind == AdminPolicyKind.ClusterNetworkPolicy ? "protocols" : "ports";
}
