using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Lint;

/// <summary>A small hand-built cluster for lint and diff tests.</summary>
internal sealed class TestCluster
{
    private readonly Dictionary<ObjectKey, NamespaceInfo> _namespaces = [];
    private readonly Dictionary<ObjectKey, PodInfo> _pods = [];
    private readonly Dictionary<ObjectKey, NodeInfo> _nodes = [];
    private readonly Dictionary<ObjectKey, NetworkPolicyInfo> _policies = [];
    private readonly Dictionary<AdminPolicyKey, AdminPolicyInfo> _admin = [];
    private int _nextIp = 10;

    public TestCluster Namespace(string name, params (string, string)[] labels)
    {
        _namespaces[new ObjectKey("", name)] = new NamespaceInfo(new ObjectMeta(name, null, Labels: Labels.Of([.. labels, ("kubernetes.io/metadata.name", name)])));
        return this;
    }

    public TestCluster Pod(string ns, string name, (string, string)[] labels, ContainerPort[]? ports = null,
        string? ip = null, bool hostNetwork = false, WorkloadRef? owner = null, bool noIp = false)
    {
        if (!_namespaces.ContainsKey(new ObjectKey("", ns))) Namespace(ns);
        var address = noIp ? null : ip ?? $"10.0.0.{_nextIp++}";
        _pods[new ObjectKey(ns, name)] = new PodInfo(new ObjectMeta(name, ns, Labels: Labels.Of(labels)),
            address is null ? [] : [address], [.. ports ?? []], HostNetwork: hostNetwork, Owner: owner);
        return this;
    }

    public TestCluster Node(string name, params (string, string)[] labels)
    {
        _nodes[new ObjectKey("", name)] = new NodeInfo(new ObjectMeta(name, null, Labels: Labels.Of(labels)), ["192.168.0.1"]);
        return this;
    }

    public TestCluster Policy(NetworkPolicyInfo policy)
    {
        _policies[policy.Key] = policy;
        return this;
    }

    public TestCluster Admin(AdminPolicyInfo policy)
    {
        _admin[policy.Key] = policy;
        return this;
    }

    public TestCluster Without(ObjectKey policy)
    {
        _policies.Remove(policy);
        return this;
    }

    public ClusterSnapshot Build() => ClusterSnapshot.Empty with
    {
        Version = 1,
        Namespaces = _namespaces.ToImmutableDictionary(),
        Pods = _pods.ToImmutableDictionary(),
        Nodes = _nodes.ToImmutableDictionary(),
        NetworkPolicies = _policies.ToImmutableDictionary(),
        AdminPolicies = _admin.ToImmutableDictionary(),
    };

    /// <summary>
    /// The seed story: the Guestbook (frontend ×3, redis-master, redis-slave ×2) and a busybox without the guestbook
    /// label in default, plus CoreDNS in kube-system.
    /// </summary>
    public static TestCluster Guestbook() => new TestCluster()
        .Namespace("default").Namespace("kube-system")
        .Pod("default", "frontend-1", [("k8s-app", "guestbook"), ("tier", "frontend")], [new("http-server", 80)], owner: new("Deployment", "frontend"))
        .Pod("default", "frontend-2", [("k8s-app", "guestbook"), ("tier", "frontend")], [new("http-server", 80)], owner: new("Deployment", "frontend"))
        .Pod("default", "frontend-3", [("k8s-app", "guestbook"), ("tier", "frontend")], [new("http-server", 80)], owner: new("Deployment", "frontend"))
        .Pod("default", "redis-master-1", [("k8s-app", "guestbook"), ("role", "db"), ("tier", "backend")], [new("redis-server", 6379)], owner: new("Deployment", "redis-master"))
        .Pod("default", "redis-slave-1", [("k8s-app", "guestbook"), ("role", "db"), ("tier", "backend")], [new("redis-server", 6379)], owner: new("Deployment", "redis-slave"))
        .Pod("default", "redis-slave-2", [("k8s-app", "guestbook"), ("role", "db"), ("tier", "backend")], [new("redis-server", 6379)], owner: new("Deployment", "redis-slave"))
        .Pod("default", "busybox", [("run", "busybox")])
        .Pod("kube-system", "coredns-1", [("k8s-app", "kube-dns")], [new("dns", 53, Protocol.UDP), new("dns-tcp", 53, Protocol.TCP)], owner: new("Deployment", "coredns"));

    /// <summary>allow-redis: only pods labelled k8s-app=guestbook reach the role=db pods.</summary>
    public static NetworkPolicyInfo AllowRedis => new(new ObjectMeta("allow-redis", "default"), LabelSelector.Of(("role", "db")), null,
        [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null)], [])], []);
}
