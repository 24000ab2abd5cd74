using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Compose;

public sealed class PolicyDiagramTests
{
    private static readonly ClusterSnapshot Cluster = ClusterSnapshot.Empty with
    {
        Pods = ClusterSnapshot.Empty.Pods
            .Add(new ObjectKey("default", "redis"), new PodInfo(new ObjectMeta("redis", "default", Labels: Labels.Of(("role", "db"))), ["10.0.0.2"], []))
            .Add(new ObjectKey("default", "frontend"), new PodInfo(new ObjectMeta("frontend", "default", Labels: Labels.Of(("k8s-app", "guestbook"))), ["10.0.0.1"], [])),
    };

    private static NetworkPolicyInfo Policy(PolicyType[]? types, NetworkPolicyRule[] ingress, NetworkPolicyRule[] egress) =>
        new(new ObjectMeta("p", "default"), LabelSelector.Of(("role", "db")), types is null ? null : [.. types], [.. ingress], [.. egress]);

    [Fact]
    public void Of_AllowRedis_DrawsSourceToSubjectWithThePortsAndEgressNotIsolated()
    {
        var rule = new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null)],
            [new NetworkPolicyPort("TCP", IntOrString.Of(6379), null)]);

        var diagram = PolicyDiagram.Of(Policy(null, [rule], []), Cluster);

        var subject = Assert.Single(diagram.Nodes, n => n.Kind == DiagramNodeKind.Subject);
        Assert.Equal("1 pod in default", subject.Detail);
        var source = Assert.Single(diagram.Nodes, n => n.Kind == DiagramNodeKind.Peer);
        Assert.Contains("k8s-app=guestbook", source.Label, StringComparison.Ordinal);
        Assert.Equal("1 pod in default", source.Detail);
        Assert.True(source.X < subject.X);
        var edge = Assert.Single(diagram.Edges);
        Assert.Equal((source.Id, "subject", "ingress[0]"), (edge.From, edge.To, edge.Rule));
        Assert.Contains("6379/TCP", edge.Label, StringComparison.Ordinal);
        Assert.Single(diagram.Nodes, n => n.Kind == DiagramNodeKind.NotIsolated && n.X > subject.X);
    }

    [Fact]
    public void Of_EgressIsolatedWithoutRules_DrawsOneDeniedBoxOnTheRight()
    {
        var diagram = PolicyDiagram.Of(Policy([PolicyType.Egress], [], []), Cluster);

        var subject = diagram.Nodes.Single(n => n.Kind == DiagramNodeKind.Subject);
        Assert.Single(diagram.Nodes, n => n.Kind == DiagramNodeKind.Denied && n.X > subject.X);
        Assert.Single(diagram.Nodes, n => n.Kind == DiagramNodeKind.NotIsolated && n.X < subject.X);
        Assert.Empty(diagram.Edges);
    }

    [Fact]
    public void Of_SeveralPeers_OneBoxPerPeerAndTheHeightGrows()
    {
        var rule = new NetworkPolicyRule([
            new NetworkPolicyPeer(LabelSelector.Of(("a", "1")), null, null),
            new NetworkPolicyPeer(null, LabelSelector.Of(("team", "x")), null),
            new NetworkPolicyPeer(null, null, new IpBlock("192.168.0.0/16", []))], []);

        var one = PolicyDiagram.Of(Policy([PolicyType.Egress], [], [new NetworkPolicyRule([rule.Peers[0]], [])]), Cluster);
        var three = PolicyDiagram.Of(Policy([PolicyType.Egress], [], [rule]), Cluster);

        Assert.Equal(3, three.Edges.Length);
        Assert.All(three.Edges, e => Assert.Equal("subject", e.From));
        Assert.True(three.Height > one.Height);
        var boxes = three.Nodes.Where(n => n.Kind == DiagramNodeKind.Peer).OrderBy(n => n.Y).ToList();
        for (var i = 1; i < boxes.Count; i++) Assert.True(boxes[i].Y >= boxes[i - 1].Y + boxes[i - 1].Height);
    }
}
