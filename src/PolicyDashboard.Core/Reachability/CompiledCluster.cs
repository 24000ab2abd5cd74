using System.Collections.Frozen;
using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability;

/// <summary>
/// A <see cref="ClusterSnapshot"/> with every policy compiled once (selectors, peers, ports, CIDRs parsed once) and
/// every pod resolved into <see cref="EndpointFacts"/>. Compiling never throws: invalid parts match nothing and are
/// listed in <see cref="Issues"/>. Immutable; build a new one for a new snapshot.
/// </summary>
public sealed class CompiledCluster
{
    /// <summary>"The Kubernetes control plane sets an immutable label kubernetes.io/metadata.name on all namespaces."</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    private readonly FrozenDictionary<string, Labels> _namespaceLabels;
    private readonly FrozenDictionary<ObjectKey, EndpointFacts> _podsByKey;
    private readonly FrozenDictionary<IpAddr, EndpointFacts> _podsByIp;
    private readonly FrozenDictionary<IpAddr, ImmutableArray<NodeInfo>> _nodesByIp;
    private readonly FrozenDictionary<string, NodeInfo> _nodesByName;
    private readonly FrozenDictionary<string, ImmutableArray<CompiledNetworkPolicy>> _policiesByNamespace;

    private CompiledCluster(ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;

        var nsLabels = new Dictionary<string, Labels>(StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces.Values)
            nsLabels[ns.Name] = WithNameLabel(ns.Name, ns.Labels);
        foreach (var pod in snapshot.Pods.Values)
            if (!nsLabels.ContainsKey(pod.Namespace)) nsLabels[pod.Namespace] = WithNameLabel(pod.Namespace, Labels.Empty);
        _namespaceLabels = nsLabels.ToFrozenDictionary(StringComparer.Ordinal);

        // Snapshots come from loaders and user files: tolerate duplicates rather than throw (the first by name wins).
        _nodesByName = snapshot.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal).DistinctBy(n => n.Name)
            .ToFrozenDictionary(n => n.Name, StringComparer.Ordinal);
        var nodesByIp = new Dictionary<IpAddr, List<NodeInfo>>();
        foreach (var node in snapshot.Nodes.Values.OrderBy(n => n.Name, StringComparer.Ordinal))
            foreach (var ip in ParseIps(node.Ips))
            {
                if (!nodesByIp.TryGetValue(ip, out var list)) nodesByIp[ip] = list = [];
                list.Add(node);
            }
        _nodesByIp = nodesByIp.ToFrozenDictionary(p => p.Key, p => p.Value.ToImmutableArray());

        var pods = snapshot.Pods.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .DistinctBy(p => p.Key).Select(p => PodFacts(new Endpoint.Pod(p), p)).ToImmutableArray();
        Pods = pods;
        _podsByKey = pods.ToFrozenDictionary(f => f.Pod!.Key);
        // An address can linger on a finished pod while a new one reuses it: a running pod owns the address.
        var byIp = new Dictionary<IpAddr, EndpointFacts>();
        foreach (var facts in pods.OrderBy(f => f.Pod!.Phase == "Running" ? 0 : 1))
            if (facts.IsSelectablePod)
                foreach (var ip in facts.Ips)
                    byIp.TryAdd(ip, facts);
        _podsByIp = byIp.ToFrozenDictionary();

        var issues = ImmutableArray.CreateBuilder<CompileIssue>();
        NetworkPolicies = snapshot.NetworkPolicies.Values
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => NetworkPolicyCompiler.Compile(p, issues)).ToImmutableArray();
        _policiesByNamespace = NetworkPolicies.GroupBy(p => p.Namespace, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);

        var admin = snapshot.AdminPolicies.Values
            .OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => AdminPolicyCompiler.Compile(p, issues)).ToList();
        AdminTier = [.. admin.Where(p => p.Tier == PolicyTier.Admin).Order(CompiledAdminPolicy.EvaluationOrder)];
        BaselineTier = [.. admin.Where(p => p.Tier == PolicyTier.Baseline).Order(CompiledAdminPolicy.EvaluationOrder)];
        Issues = issues.ToImmutable();
    }

    public static CompiledCluster Compile(ClusterSnapshot snapshot) => new(snapshot);

    public ClusterSnapshot Snapshot { get; }

    /// <summary>Every pod, ordered by namespace then name.</summary>
    public ImmutableArray<EndpointFacts> Pods { get; }

    /// <summary>Every NetworkPolicy, ordered by namespace then name.</summary>
    public ImmutableArray<CompiledNetworkPolicy> NetworkPolicies { get; }

    /// <summary>ANPs and Admin-tier CNPs in evaluation order (see <see cref="CompiledAdminPolicy.EvaluationOrder"/>).</summary>
    public ImmutableArray<CompiledAdminPolicy> AdminTier { get; }

    /// <summary>The BANP and Baseline-tier CNPs in evaluation order.</summary>
    public ImmutableArray<CompiledAdminPolicy> BaselineTier { get; }

    /// <summary>Parts of policies that could not be compiled; each matches nothing.</summary>
    public ImmutableArray<CompileIssue> Issues { get; }

    public ImmutableArray<CompiledNetworkPolicy> NetworkPoliciesIn(string @namespace) =>
        _policiesByNamespace.TryGetValue(@namespace, out var list) ? list : ImmutableArray<CompiledNetworkPolicy>.Empty;

    /// <summary>A namespace's labels including kubernetes.io/metadata.name; unknown namespaces have only that label.</summary>
    public Labels NamespaceLabels(string @namespace) =>
        _namespaceLabels.TryGetValue(@namespace, out var labels) ? labels : WithNameLabel(@namespace, Labels.Empty);

    public EndpointFacts? FindPod(ObjectKey key) => _podsByKey.GetValueOrDefault(key);

    /// <summary>The pod-network pod that owns this address, if any (host-network pods share their node's address and are not returned).</summary>
    public EndpointFacts? FindPodByIp(string ip) =>
        IpAddr.TryParse(ip, out var address) ? _podsByIp.GetValueOrDefault(address) : null;

    /// <summary>
    /// Resolves an endpoint. A pod is looked up by namespace/name (the snapshot's copy wins). An address that belongs
    /// to a pod-network pod is that pod; any other address is external to the pod network, possibly a node's.
    /// </summary>
    public EndpointFacts Facts(Endpoint endpoint)
    {
        switch (endpoint)
        {
            case Endpoint.Pod pod:
                return _podsByKey.TryGetValue(pod.Info.Key, out var known) ? known : PodFacts(pod, pod.Info);
            case Endpoint.External external:
                if (!IpAddr.TryParse(external.Ip, out var ip))
                    return new EndpointFacts(endpoint, null, Labels.Empty, ImmutableArray<IpAddr>.Empty, ImmutableArray<NodeInfo>.Empty);
                if (_podsByIp.TryGetValue(ip, out var owner)) return owner;
                return new EndpointFacts(endpoint, null, Labels.Empty, [ip], _nodesByIp.GetValueOrDefault(ip, ImmutableArray<NodeInfo>.Empty));
            default:
                throw new ArgumentOutOfRangeException(nameof(endpoint));
        }
    }

    /// <summary>Parses probe notation: <c>namespace/pod</c> (must exist) or <c>ip:ADDRESS</c>. Never throws.</summary>
    public bool TryParseEndpoint(string? text, out Endpoint? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "empty endpoint: expected namespace/pod or ip:ADDRESS"; return false; }
        if (text.StartsWith("ip:", StringComparison.Ordinal))
        {
            var ip = text[3..];
            if (!IpAddr.TryParse(ip, out _)) { error = $"\"{ip}\" is not an IPv4 or IPv6 address"; return false; }
            endpoint = FindPodByIp(ip)?.Endpoint ?? new Endpoint.External(ip);
            return true;
        }
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
        {
            error = $"\"{text}\": expected namespace/pod or ip:ADDRESS";
            return false;
        }
        var facts = FindPod(new ObjectKey(text[..slash], text[(slash + 1)..]));
        if (facts is null) { error = $"unknown pod \"{text}\""; return false; }
        endpoint = facts.Endpoint;
        return true;
    }

    private EndpointFacts PodFacts(Endpoint endpoint, PodInfo pod)
    {
        var ips = ParseIps(pod.Ips);
        var nodes = ImmutableArray<NodeInfo>.Empty;
        if (pod.HostNetwork)
        {
            // A host-network pod sends and receives with its node's addresses.
            var list = new List<NodeInfo>();
            if (pod.NodeName is { } nodeName && _nodesByName.TryGetValue(nodeName, out var node)) list.Add(node);
            foreach (var ip in ips)
                foreach (var n in _nodesByIp.GetValueOrDefault(ip, ImmutableArray<NodeInfo>.Empty))
                    if (!list.Contains(n)) list.Add(n);
            nodes = [.. list];
        }
        return new EndpointFacts(endpoint, pod, NamespaceLabels(pod.Namespace), ips, nodes);
    }

    private static ImmutableArray<IpAddr> ParseIps(ImmutableArray<string> ips)
    {
        if (ips.IsDefaultOrEmpty) return ImmutableArray<IpAddr>.Empty;
        var result = ImmutableArray.CreateBuilder<IpAddr>(ips.Length);
        foreach (var text in ips)
            if (IpAddr.TryParse(text, out var ip) && !result.Contains(ip)) result.Add(ip);
        return result.ToImmutable();
    }

    private static Labels WithNameLabel(string name, Labels labels) =>
        labels.ContainsKey(NamespaceNameLabel) ? labels : labels.With(NamespaceNameLabel, name);
}
