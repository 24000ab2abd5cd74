using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Policies;

public class NetworkPolicyCompilerTests
{
    private static (CompiledNetworkPolicy Policy, ImmutableArray<CompileIssue> Issues) Compile(NetworkPolicyInfo policy)
    {
        var issues = ImmutableArray.CreateBuilder<CompileIssue>();
        var compiled = NetworkPolicyCompiler.Compile(policy, issues);
        return (compiled, issues.ToImmutable());
    }

    private static NetworkPolicyRule EgressRule => Rule([Pods(Sel())]);

    public static TheoryData<PolicyType[]?, bool, bool, bool> PolicyTypesCases => new()
    {
        // policyTypes, has egress rules, affects ingress, affects egress
        { null, false, true, false },
        { null, true, true, true },
        { [], true, true, true },
        { [PolicyType.Ingress], true, true, false },
        { [PolicyType.Egress], false, false, true },
        { [PolicyType.Ingress, PolicyType.Egress], false, true, true },
    };

    [Theory]
    [MemberData(nameof(PolicyTypesCases))]
    public void PolicyTypes_OmittedOrListed_EffectiveDirections(PolicyType[]? types, bool egressRules, bool ingress, bool egress)
    {
        var (policy, _) = Compile(Np("x", "p", Sel(), types, egress: egressRules ? [EgressRule] : null));

        Assert.Equal(ingress, policy.AffectsIngress);
        Assert.Equal(egress, policy.AffectsEgress);
    }

    [Fact]
    public void Peers_EachForm_CompilesToItsMatcher()
    {
        var (policy, issues) = Compile(Np("x", "p", Sel(), ingress: [
            Rule([Pods(Sel("a=1")), Namespaces(Sel("b=2")), PodsIn(Sel("c=3"), Sel("d=4")), Block("10.0.0.0/8", "10.1.0.0/16")]),
            Rule()]));

        Assert.Empty(issues);
        var peers = policy.IngressRules[0].Peers;
        var podOnly = Assert.IsType<PodPeer>(peers[0]);
        Assert.Equal(new NamespaceScope.Same("x"), podOnly.Namespaces);
        var nsOnly = Assert.IsType<PodPeer>(peers[1]);
        Assert.True(nsOnly.Pods.MatchesEverything);
        Assert.IsType<NamespaceScope.Selected>(nsOnly.Namespaces);
        var both = Assert.IsType<PodPeer>(peers[2]);
        Assert.Equal("d=4", both.Pods.ToString());
        var block = Assert.IsType<IpBlockPeer>(peers[3]);
        Assert.Equal("10.0.0.0/8", block.Block.ToString());
        Assert.Equal("10.1.0.0/16", Assert.Single(block.Except).ToString());
        Assert.True(policy.IngressRules[1].PeersOmitted);
        Assert.IsType<AllPeers>(Assert.Single(policy.IngressRules[1].Peers));
        Assert.IsType<AllPorts>(policy.IngressRules[1].Ports);
    }

    [Theory]
    [InlineData("10.0.0.0/8", new[] { "11.0.0.0/16" }, "spec.ingress[0].from[0].ipBlock.except[0]")]
    [InlineData("10.0.0.0/8", new[] { "10.0.0.0/8" }, "spec.ingress[0].from[0].ipBlock.except[0]")]
    [InlineData("10.0.0.0/8", new[] { "10.0.0.0/4" }, "spec.ingress[0].from[0].ipBlock.except[0]")]
    [InlineData("10.0.0.0/8", new[] { "nonsense" }, "spec.ingress[0].from[0].ipBlock.except[0]")]
    [InlineData("10.0.0.0", new string[0], "spec.ingress[0].from[0].ipBlock.cidr")]
    [InlineData("fd00::/64", new[] { "10.0.0.0/16" }, "spec.ingress[0].from[0].ipBlock.except[0]")]
    public void IpBlock_Invalid_MatchesNothingAndReports(string cidr, string[] except, string field)
    {
        var (policy, issues) = Compile(Np("x", "p", Sel(), ingress: [Rule([Block(cidr, except)])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.IngressRules[0].Peers));
        Assert.Equal(field, Assert.Single(issues).Field);
    }

    [Fact]
    public void Peer_IpBlockWithSelector_MatchesNothing()
    {
        var peer = new NetworkPolicyPeer(Sel(), null, new IpBlock("10.0.0.0/8", []));

        var (policy, issues) = Compile(Np("x", "p", Sel(), ingress: [Rule([peer])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.IngressRules[0].Peers));
        Assert.Single(issues);
    }

    [Fact]
    public void Peer_Empty_MatchesNothing()
    {
        var (policy, issues) = Compile(Np("x", "p", Sel(), ingress: [Rule([new NetworkPolicyPeer(null, null, null)])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.IngressRules[0].Peers));
        Assert.Equal("spec.ingress[0].from[0]", Assert.Single(issues).Field);
    }

    [Fact]
    public void Peer_InvalidSelector_MatchesNothingAndReportsPath()
    {
        var bad = new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("k", "Within", ["v"])]);

        var (policy, issues) = Compile(Np("x", "p", Sel(), egress: [Rule([Namespaces(bad)])]));

        var peer = Assert.IsType<PodPeer>(Assert.Single(policy.EgressRules[0].Peers));
        Assert.True(((NamespaceScope.Selected)peer.Namespaces).Selector.MatchesNothing);
        Assert.Equal("spec.egress[0].to[0].namespaceSelector.matchExpressions[0].operator", Assert.Single(issues).Field);
    }

    public static TheoryData<NetworkPolicyPort, string> PortCases => new()
    {
        { new NetworkPolicyPort(null, IntOrString.Of(80), null), "80/TCP" },
        { new NetworkPolicyPort("UDP", IntOrString.Of(53), null), "53/UDP" },
        { new NetworkPolicyPort("SCTP", null, null), "all SCTP ports" },
        { new NetworkPolicyPort(null, IntOrString.Of(8000), 8080), "8000-8080/TCP" },
        { new NetworkPolicyPort(null, IntOrString.Of(8000), 8000), "8000-8000/TCP" },
        { new NetworkPolicyPort(null, IntOrString.Of("http"), null), "http/TCP" },
    };

    [Theory]
    [MemberData(nameof(PortCases))]
    public void Port_Valid_CompilesToMatcher(NetworkPolicyPort port, string expected)
    {
        var (policy, issues) = Compile(Np("x", "p", Sel(), ingress: [new NetworkPolicyRule([], [port])]));

        Assert.Empty(issues);
        Assert.Equal(expected, policy.IngressRules[0].Ports.ToString());
    }

    public static TheoryData<NetworkPolicyPort, string> BadPortCases => new()
    {
        { new NetworkPolicyPort("tcp", IntOrString.Of(80), null), "spec.ingress[0].ports[0].protocol" },
        { new NetworkPolicyPort("ICMP", IntOrString.Of(80), null), "spec.ingress[0].ports[0].protocol" },
        { new NetworkPolicyPort(null, IntOrString.Of(0), null), "spec.ingress[0].ports[0].port" },
        { new NetworkPolicyPort(null, IntOrString.Of(65536), null), "spec.ingress[0].ports[0].port" },
        { new NetworkPolicyPort(null, IntOrString.Of(8080), 8000), "spec.ingress[0].ports[0].endPort" },
        { new NetworkPolicyPort(null, null, 8000), "spec.ingress[0].ports[0].endPort" },
        { new NetworkPolicyPort(null, IntOrString.Of("http"), 8000), "spec.ingress[0].ports[0].endPort" },
        { new NetworkPolicyPort(null, IntOrString.Of("Not_A_Name"), null), "spec.ingress[0].ports[0].port" },
        { new NetworkPolicyPort(null, IntOrString.Of("1234"), null), "spec.ingress[0].ports[0].port" },
    };

    [Theory]
    [MemberData(nameof(BadPortCases))]
    public void Port_Invalid_MatchesNoTrafficAndReports(NetworkPolicyPort port, string field)
    {
        var (policy, issues) = Compile(Np("x", "p", Sel(), ingress: [new NetworkPolicyRule([], [port])]));

        Assert.IsType<NoPorts>(policy.IngressRules[0].Ports);
        Assert.Equal(field, Assert.Single(issues).Field);
    }

    [Fact]
    public void Ports_Several_AnyMatches()
    {
        var (policy, _) = Compile(Np("x", "p", Sel(), ingress: [Rule(null, Port(80), Port(53, "UDP"))]));
        var dest = new EndpointFacts(new Endpoint.External("1.1.1.1"), null, Labels.Empty, [], []);

        var ports = Assert.IsType<AnyPort>(policy.IngressRules[0].Ports);
        Assert.True(ports.Matches(80, Protocol.TCP, dest));
        Assert.True(ports.Matches(53, Protocol.UDP, dest));
        Assert.False(ports.Matches(53, Protocol.TCP, dest));
    }
}
