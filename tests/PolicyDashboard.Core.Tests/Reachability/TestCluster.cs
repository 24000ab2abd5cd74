using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Tests.Reachability;

/// <summary>A small fluent builder of cluster snapshots for engine tests.</summary>
internal sealed class TestCluster
{
    private ClusterSnapshot _snapshot = ClusterSnapshot.Empty;
    private int _nextIp = 1;

    public static Labels L(string pairs) => Selectors.SelectorTestData.Set(pairs);

    public TestCluster Namespace(string name, string labels = "")
    {
        var ns = new NamespaceInfo(new ObjectMeta(name, null, Labels: L(labels)));
        _snapshot = _snapshot with { Namespaces = _snapshot.Namespaces.SetItem(new ObjectKey("", name), ns) };
        return this;
    }

    public PodInfo Pod(string ns, string name, string labels = "", string? ip = null, bool hostNetwork = false,
        string? node = null, params ContainerPort[] ports)
    {
        if (!_snapshot.Namespaces.ContainsKey(new ObjectKey("", ns))) Namespace(ns);
        var ips = ip switch
        {
            null => ImmutableArray.Create($"10.0.{_nextIp / 250}.{_nextIp++ % 250 + 1}"),
            "" => ImmutableArray<string>.Empty,
            _ => [.. ip.Split(',')],
        };
        var pod = new PodInfo(new ObjectMeta(name, ns, Labels: L(labels)), ips, [.. ports], hostNetwork, NodeName: node);
        _snapshot = _snapshot with { Pods = _snapshot.Pods.SetItem(pod.Key, pod) };
        return pod;
    }

    public TestCluster Node(string name, string labels, params string[] ips)
    {
        var node = new NodeInfo(new ObjectMeta(name, null, Labels: L(labels)), [.. ips]);
        _snapshot = _snapshot with { Nodes = _snapshot.Nodes.SetItem(new ObjectKey("", name), node) };
        return this;
    }

    public TestCluster Policy(NetworkPolicyInfo policy)
    {
        _snapshot = _snapshot with { NetworkPolicies = _snapshot.NetworkPolicies.SetItem(policy.Key, policy) };
        return this;
    }

    public TestCluster Admin(AdminPolicyInfo policy)
    {
        _snapshot = _snapshot with { AdminPolicies = _snapshot.AdminPolicies.SetItem(policy.Key, policy) };
        return this;
    }

    public ClusterSnapshot Snapshot => _snapshot;

    public ReferenceEngine Engine() => ReferenceEngine.For(_snapshot);

    public Verdict Check(PodInfo from, PodInfo to, int port = 80, Protocol protocol = Protocol.TCP) =>
        Engine().Evaluate(Endpoint.Of(from), Endpoint.Of(to), port, protocol);
}

/// <summary>Short constructors for policy records.</summary>
internal static class P
{
    public static LabelSelector Sel(string pairs = "") => new(TestCluster.L(pairs), ImmutableArray<LabelSelectorRequirement>.Empty);

    public static NetworkPolicyInfo Np(string ns, string name, LabelSelector podSelector, PolicyType[]? types = null,
        NetworkPolicyRule[]? ingress = null, NetworkPolicyRule[]? egress = null) =>
        new(new ObjectMeta(name, ns), podSelector, types is null ? null : [.. types], [.. ingress ?? []], [.. egress ?? []]);

    public static NetworkPolicyRule Rule(NetworkPolicyPeer[]? peers = null, params NetworkPolicyPort[] ports) => new([.. peers ?? []], [.. ports]);

    public static NetworkPolicyPeer Pods(LabelSelector pods) => new(pods, null, null);
    public static NetworkPolicyPeer Namespaces(LabelSelector ns) => new(null, ns, null);
    public static NetworkPolicyPeer PodsIn(LabelSelector ns, LabelSelector pods) => new(pods, ns, null);
    public static NetworkPolicyPeer Block(string cidr, params string[] except) => new(null, null, new IpBlock(cidr, [.. except]));

    public static NetworkPolicyPort Port(int port, string? protocol = null, int? endPort = null) => new(protocol, IntOrString.Of(port), endPort);
    public static NetworkPolicyPort Port(string name, string? protocol = null) => new(protocol, IntOrString.Of(name), null);

    public static AdminPolicyInfo Anp(string name, int priority, AdminSubject subject, AdminRule[]? ingress = null, AdminRule[]? egress = null) =>
        new(new ObjectMeta(name, null), AdminPolicyKind.AdminNetworkPolicy, AdminTier.Admin, priority, subject, [.. ingress ?? []], [.. egress ?? []]);

    public static AdminPolicyInfo Banp(AdminSubject subject, AdminRule[]? ingress = null, AdminRule[]? egress = null, string name = "default") =>
        new(new ObjectMeta(name, null), AdminPolicyKind.BaselineAdminNetworkPolicy, AdminTier.Baseline, null, subject, [.. ingress ?? []], [.. egress ?? []]);

    public static AdminPolicyInfo Cnp(string name, AdminTier tier, int priority, AdminSubject subject, AdminRule[]? ingress = null, AdminRule[]? egress = null) =>
        new(new ObjectMeta(name, null), AdminPolicyKind.ClusterNetworkPolicy, tier, priority, subject, [.. ingress ?? []], [.. egress ?? []]);

    public static AdminSubject SubjectNs(string nsLabels) => new(Sel(nsLabels), null);
    public static AdminSubject SubjectPods(string nsLabels, string podLabels) => new(null, new NamespacedPodSelector(Sel(nsLabels), Sel(podLabels)));

    public static AdminRule ARule(string action, AdminPeer[] peers, AdminPort[]? ports = null, string? name = null) =>
        new(name, action, [.. peers], ports is null ? null : [.. ports]);

    public static AdminPeer ANs(string nsLabels) => new(Sel(nsLabels), null, null, null);
    public static AdminPeer APods(string nsLabels, string podLabels) => new(null, new NamespacedPodSelector(Sel(nsLabels), Sel(podLabels)), null, null);
    public static AdminPeer ANodes(string nodeLabels) => new(null, null, Sel(nodeLabels), null);
    public static AdminPeer ANetworks(params string[] cidrs) => new(null, null, null, [.. cidrs]);
}
