using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Reachability;

public class CompiledClusterTests
{
    [Fact]
    public void NamespaceLabels_AlwaysCarryMetadataName()
    {
        var c = new TestCluster().Namespace("x", "team=a");
        c.Pod("orphan-ns", "p");

        var cluster = CompiledCluster.Compile(c.Snapshot);

        Assert.Equal("a", cluster.NamespaceLabels("x")["team"]);
        Assert.Equal("x", cluster.NamespaceLabels("x")[CompiledCluster.NamespaceNameLabel]);
        Assert.Equal("orphan-ns", cluster.NamespaceLabels("orphan-ns")[CompiledCluster.NamespaceNameLabel]);
        Assert.Equal("unknown", cluster.NamespaceLabels("unknown")[CompiledCluster.NamespaceNameLabel]);
    }

    [Theory]
    [InlineData("x/a", "x/a")]
    [InlineData("ip:10.9.0.1", "x/a")]
    [InlineData("ip:172.18.0.2", "ip:172.18.0.2")]
    [InlineData("ip:8.8.8.8", "ip:8.8.8.8")]
    [InlineData("ip:fd00::1", "x/a")]
    public void TryParseEndpoint_Valid_ResolvesPodsByNameAndIp(string text, string resolved)
    {
        var cluster = Cluster();

        Assert.True(cluster.TryParseEndpoint(text, out var endpoint, out var error), error);
        Assert.Equal(resolved, endpoint!.ToString());
    }

    [Theory]
    [InlineData("", "empty endpoint")]
    [InlineData("x/nope", "unknown pod")]
    [InlineData("nope", "expected namespace/pod")]
    [InlineData("x/a/b", "expected namespace/pod")]
    [InlineData("ip:10.0.0", "not an IPv4 or IPv6 address")]
    public void TryParseEndpoint_Invalid_ExplainsWithoutThrowing(string text, string message)
    {
        var cluster = Cluster();

        Assert.False(cluster.TryParseEndpoint(text, out var endpoint, out var error));
        Assert.Null(endpoint);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Facts_HostNetworkPod_UsesItsNode()
    {
        var cluster = Cluster();

        var facts = cluster.FindPod(new ObjectKey("x", "h"))!;

        Assert.False(facts.IsSelectablePod);
        Assert.Equal("n1", Assert.Single(facts.Nodes).Name);
        Assert.Equal("n1", Assert.Single(cluster.Facts(Endpoint.Of("172.18.0.2")).Nodes).Name);
    }

    [Fact]
    public void FindPodByIp_FinishedAndRunningShareAddress_RunningWins()
    {
        var c = new TestCluster();
        var done = c.Pod("a", "done", ip: "10.1.1.1") with { Phase = "Succeeded" };
        c.Pod("z", "running", ip: "10.1.1.1");
        var snapshot = c.Snapshot with { Pods = c.Snapshot.Pods.SetItem(done.Key, done) };

        var cluster = CompiledCluster.Compile(snapshot);

        Assert.Equal("z/running", cluster.FindPodByIp("10.1.1.1")!.ToString());
    }

    [Fact]
    public void AdminTiers_SplitAndOrdered()
    {
        var c = new TestCluster();
        c.Admin(Anp("b", 20, SubjectNs("")));
        c.Admin(Anp("a", 10, SubjectNs("")));
        c.Admin(Cnp("c", AdminTier.Baseline, 1, SubjectNs("")));
        c.Admin(Banp(SubjectNs("")));

        var cluster = CompiledCluster.Compile(c.Snapshot);

        Assert.Equal(["a", "b"], cluster.AdminTier.Select(p => p.Ref.Name));
        Assert.Equal(["default", "c"], cluster.BaselineTier.Select(p => p.Ref.Name));
    }

    [Fact]
    public void Compile_DuplicateNodeNamesAndInvalidParts_DoesNotThrow()
    {
        var c = new TestCluster().Node("n1", "a=1", "172.18.0.2");
        var dup = new NodeInfo(new ObjectMeta("n1", "oops"), ["172.18.0.9"]);
        var snapshot = c.Snapshot with { Nodes = c.Snapshot.Nodes.SetItem(new ObjectKey("oops", "n1"), dup) };
        snapshot = snapshot with
        {
            NetworkPolicies = snapshot.NetworkPolicies.SetItem(new ObjectKey("x", "bad"),
                Np("x", "bad", new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("k", "Bogus", [])]),
                    ingress: [Rule([Block("not-a-cidr")], new NetworkPolicyPort("ICMP", null, null))])),
        };

        var cluster = CompiledCluster.Compile(snapshot);

        Assert.Equal(3, cluster.Issues.Length);
        Assert.True(cluster.NetworkPolicies[0].PodSelector.MatchesNothing);
    }

    private static CompiledCluster Cluster()
    {
        var c = new TestCluster().Node("n1", "role=worker", "172.18.0.2");
        c.Pod("x", "a", ip: "10.9.0.1,fd00::1");
        c.Pod("x", "h", ip: "172.18.0.2", hostNetwork: true, node: "n1");
        return CompiledCluster.Compile(c.Snapshot);
    }
}
