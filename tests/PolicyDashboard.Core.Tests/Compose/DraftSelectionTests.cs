using System.Collections.Immutable;
using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Compose;

public sealed class DraftSelectionTests
{
    private static PodInfo Pod(string ns, string name, string ip, params (string, string)[] labels) =>
        new(new ObjectMeta(name, ns, Labels: Labels.Of(labels)), [ip], [new ContainerPort("http", 8080)], Phase: "Running", NodeName: "n1");

    private static NamespaceInfo Ns(string name, params (string, string)[] labels) =>
        new(new ObjectMeta(name, null, Labels: Labels.Of([("kubernetes.io/metadata.name", name), .. labels])));

    private static readonly ClusterSnapshot Cluster = Build(
        [Ns("default"), Ns("prod", ("env", "prod")), Ns("dev", ("env", "dev"))],
        Pod("default", "web", "10.0.0.1", ("app", "web"), ("pod-template-hash", "abc")),
        Pod("default", "db", "10.0.0.2", ("app", "db")),
        Pod("prod", "web", "10.0.1.1", ("app", "web")),
        Pod("dev", "web", "10.0.2.1", ("app", "web")),
        Pod("dev", "tool", "10.0.2.2", ("app", "tool")));

    private static ClusterSnapshot Build(NamespaceInfo[] namespaces, params PodInfo[] pods)
    {
        var s = ClusterSnapshot.Empty;
        foreach (var n in namespaces) s = s with { Namespaces = s.Namespaces.SetItem(n.Meta.Key, n) };
        foreach (var p in pods) s = s with { Pods = s.Pods.SetItem(p.Key, p) };
        return s;
    }

    private static string[] Keys(SelectionPreview preview) => [.. preview.Pods.Select(p => p.Key.ToString())];

    [Fact]
    public void Subjects_SelectorOfOtherNamespacesPods_SelectsOnlyThePolicyNamespace()
    {
        var preview = DraftSelection.Subjects(Cluster, "default", LabelSelector.Of(("app", "web")));

        Assert.Equal(["default/web"], Keys(preview));
        Assert.Equal("1 pod in default", preview.Summary);
    }

    [Fact]
    public void Subjects_EmptySelector_SelectsEveryPodOfTheNamespace()
    {
        Assert.Equal(["dev/tool", "dev/web"], Keys(DraftSelection.Subjects(Cluster, "dev", LabelSelector.Everything)));
    }

    [Fact]
    public void Subjects_InvalidSelector_IsInvalidWithTheReason()
    {
        var preview = DraftSelection.Subjects(Cluster, "default", new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("app", "In", [])]));

        Assert.False(preview.Valid);
        Assert.Empty(preview.Pods);
        Assert.Contains("invalid", preview.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Peer_PodSelectorAlone_MatchesPodsOfThePolicyNamespace()
    {
        var preview = DraftSelection.Peer(Cluster, "dev", new NetworkPolicyPeer(LabelSelector.Of(("app", "web")), null, null));

        Assert.Equal(["dev/web"], Keys(preview));
        Assert.False(preview.IncludesExternal);
    }

    [Fact]
    public void Peer_NamespaceSelectorAlone_MatchesEveryPodOfMatchingNamespaces()
    {
        var preview = DraftSelection.Peer(Cluster, "default", new NetworkPolicyPeer(null,
            new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("env", "Exists", [])]), null));

        Assert.Equal(["dev/tool", "dev/web", "prod/web"], Keys(preview));
        Assert.Equal(["dev", "prod"], preview.Namespaces);
    }

    [Fact]
    public void Peer_BothSelectors_MatchesPodsAndNamespacesTogether()
    {
        var preview = DraftSelection.Peer(Cluster, "default", new NetworkPolicyPeer(LabelSelector.Of(("app", "web")), LabelSelector.Of(("env", "dev")), null));

        Assert.Equal(["dev/web"], Keys(preview));
    }

    [Fact]
    public void Peer_IpBlockWithExcept_MatchesPodsInsideAndIncludesExternal()
    {
        var preview = DraftSelection.Peer(Cluster, "default", new NetworkPolicyPeer(null, null, new IpBlock("10.0.0.0/16", ["10.0.2.0/24"])));

        Assert.Equal(["default/db", "default/web", "prod/web"], Keys(preview));
        Assert.True(preview.IncludesExternal);
        Assert.EndsWith("and addresses outside the cluster", preview.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Peer_InvalidCidr_IsInvalid()
    {
        var preview = DraftSelection.Peer(Cluster, "default", new NetworkPolicyPeer(null, null, new IpBlock("10.0.0.0/33", [])));

        Assert.False(preview.Valid);
        Assert.Contains("10.0.0.0/33", preview.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_NoPeers_MatchesEveryPodAndOutside()
    {
        var preview = DraftSelection.Rule(Cluster, "default", []);

        Assert.Equal(5, preview.Pods.Length);
        Assert.True(preview.IncludesExternal);
    }

    [Fact]
    public void PodLabels_GeneratedLabels_AreNotOffered()
    {
        var labels = DraftSelection.PodLabels(Cluster, "default");

        Assert.Contains(("app", "web"), labels);
        Assert.DoesNotContain(labels, l => l.Key == "pod-template-hash");
    }

    [Fact]
    public void NamedPorts_OfPods_AreListedOnce()
    {
        var ports = DraftSelection.NamedPorts(Cluster.Pods.Values);

        Assert.Equal([new ContainerPort("http", 8080)], ports);
    }

    [Fact]
    public void AdminPeer_Namespaces_EveryPodOfTheMatchingNamespacesWhateverThePolicyNamespace()
    {
        var preview = DraftSelection.AdminPeer(Cluster, new AdminPeer(LabelSelector.Of(("env", "dev")), null, null, null));

        Assert.Equal(["dev/tool", "dev/web"], Keys(preview));
    }

    [Fact]
    public void AdminPeer_Pods_MatchingPodsOfTheMatchingNamespaces()
    {
        var peer = new AdminPeer(null, new NamespacedPodSelector(LabelSelector.Everything, LabelSelector.Of(("app", "web"))), null, null);

        Assert.Equal(["default/web", "dev/web", "prod/web"], Keys(DraftSelection.AdminPeer(Cluster, peer)));
    }

    [Fact]
    public void AdminPeer_Networks_PodsInTheCidrsAndOutsideAddresses_NoneListedMatchesNothing()
    {
        var some = DraftSelection.AdminPeer(Cluster, new AdminPeer(null, null, null, ["10.0.2.0/24"]));
        var none = DraftSelection.AdminPeer(Cluster, new AdminPeer(null, null, null, []));

        Assert.Equal(["dev/tool", "dev/web"], Keys(some));
        Assert.True(some.IncludesExternal);
        Assert.Empty(none.Pods);
        Assert.False(none.IncludesExternal);
    }

    [Fact]
    public void Nodes_Selector_CountsTheMatchingNodes()
    {
        var cluster = Cluster with
        {
            Nodes = Cluster.Nodes
                .SetItem(new ObjectKey("", "n1"), new NodeInfo(new ObjectMeta("n1", null, Labels: Labels.Of(("role", "worker"))), ["192.168.0.1"]))
                .SetItem(new ObjectKey("", "n2"), new NodeInfo(new ObjectMeta("n2", null, Labels: Labels.Of(("role", "worker"))), ["192.168.0.2"]))
                .SetItem(new ObjectKey("", "n3"), new NodeInfo(new ObjectMeta("n3", null), ["192.168.0.3"])),
        };

        Assert.Equal(2, DraftSelection.Nodes(cluster, LabelSelector.Of(("role", "worker"))));
        Assert.Empty(DraftSelection.AdminPeer(cluster, new AdminPeer(null, null, LabelSelector.Everything, null)).Pods);
    }
}
