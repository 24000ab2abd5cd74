using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Compose;

public sealed class AdminPolicyDiagramTests
{
    private static readonly ClusterSnapshot Cluster = ClusterSnapshot.Empty with
    {
        Namespaces = ClusterSnapshot.Empty.Namespaces
            .Add(new ObjectKey("", "prod"), new NamespaceInfo(new ObjectMeta("prod", null, Labels: Labels.Of(("env", "prod")))))
            .Add(new ObjectKey("", "dev"), new NamespaceInfo(new ObjectMeta("dev", null, Labels: Labels.Of(("env", "dev"))))),
        Pods = ClusterSnapshot.Empty.Pods
            .Add(new ObjectKey("prod", "api"), new PodInfo(new ObjectMeta("api", "prod", Labels: Labels.Of(("app", "api"))), ["10.0.0.1"], []))
            .Add(new ObjectKey("dev", "tool"), new PodInfo(new ObjectMeta("tool", "dev", Labels: Labels.Of(("app", "tool"))), ["10.0.1.1"], [])),
        Nodes = ClusterSnapshot.Empty.Nodes
            .Add(new ObjectKey("", "n1"), new NodeInfo(new ObjectMeta("n1", null, Labels: Labels.Of(("role", "worker"))), ["192.168.0.1"]))
            .Add(new ObjectKey("", "n2"), new NodeInfo(new ObjectMeta("n2", null, Labels: Labels.Of(("role", "control"))), ["192.168.0.2"])),
    };

    private static AdminPolicyInfo Anp(AdminRule[] ingress, AdminRule[] egress, AdminPolicyKind kind = AdminPolicyKind.AdminNetworkPolicy, AdminTier tier = AdminTier.Admin) =>
        new(new ObjectMeta("guard", null), kind, tier, kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? null : 10,
            new AdminSubject(LabelSelector.Of(("env", "prod")), null), [.. ingress], [.. egress]);

    [Fact]
    public void Of_RulesInOrder_ArrowsCarryTheirActionAndPlace()
    {
        var deny = new AdminRule("no-dev", "Deny", [new AdminPeer(LabelSelector.Of(("env", "dev")), null, null, null)], [new AdminPort.Number("TCP", 443)]);
        var pass = new AdminRule(null, "Pass", [new AdminPeer(null, new NamespacedPodSelector(LabelSelector.Of(("env", "prod")), LabelSelector.Of(("app", "api"))), null, null)], null);

        var diagram = AdminPolicyDiagram.Of(Anp([deny, pass], []), Cluster);

        var subject = Assert.Single(diagram.Nodes, n => n.Kind == DiagramNodeKind.Subject);
        Assert.Contains("env=prod", subject.Label, StringComparison.Ordinal);
        Assert.Equal("1 pod in prod", subject.Detail);
        Assert.Equal(2, diagram.Edges.Length);
        var (first, second) = (diagram.Edges[0], diagram.Edges[1]);
        Assert.Equal((AdminAction.Deny, "ingress[0] \"no-dev\"", "subject"), (first.Action, first.Rule, first.To));
        Assert.StartsWith("1. Deny", first.Label, StringComparison.Ordinal);
        Assert.Contains("443/TCP", first.Label, StringComparison.Ordinal);
        Assert.Equal((AdminAction.Pass, "ingress[1]"), (second.Action, second.Rule));
        Assert.StartsWith("2. Pass", second.Label, StringComparison.Ordinal);
        Assert.Equal("1 pod in dev", diagram.Nodes.Single(n => n.Id == first.From).Detail);
        var right = Assert.Single(diagram.Nodes, n => n.X > subject.X);
        Assert.Equal((DiagramNodeKind.NotIsolated, "no egress rules"), (right.Kind, right.Label));
        Assert.Contains("NetworkPolicies", right.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_BaselineWithNodeAndNetworkPeers_CountsNodesAndSaysTheDefaultDecidesTheRest()
    {
        var egress = new AdminRule(null, "Allow", [
            new AdminPeer(null, null, LabelSelector.Of(("role", "worker")), null),
            new AdminPeer(null, null, null, ["10.0.1.0/24"])], null);

        var diagram = AdminPolicyDiagram.Of(Anp([], [egress], AdminPolicyKind.BaselineAdminNetworkPolicy, AdminTier.Baseline), Cluster);

        var subject = diagram.Nodes.Single(n => n.Kind == DiagramNodeKind.Subject);
        var destinations = diagram.Nodes.Where(n => n.Kind == DiagramNodeKind.Peer).ToList();
        Assert.All(destinations, d => Assert.True(d.X > subject.X));
        Assert.Equal("1 node", destinations[0].Detail);
        Assert.Contains("1 pod", destinations[1].Detail, StringComparison.Ordinal);
        Assert.All(diagram.Edges, e => Assert.Equal((AdminAction.Allow, "subject"), (e.Action, e.From)));
        Assert.Contains("the default decides", diagram.Nodes.Single(n => n.Kind == DiagramNodeKind.NotIsolated && n.X < subject.X).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_ClusterNetworkPolicyAllow_IsCalledAccept()
    {
        var rule = new AdminRule(null, "Accept", [new AdminPeer(LabelSelector.Of(("env", "dev")), null, null, null)], null);

        var diagram = AdminPolicyDiagram.Of(Anp([rule], [], AdminPolicyKind.ClusterNetworkPolicy), Cluster);

        Assert.StartsWith("1. Accept", Assert.Single(diagram.Edges).Label, StringComparison.Ordinal);
    }
}
