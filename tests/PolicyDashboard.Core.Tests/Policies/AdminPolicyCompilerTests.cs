using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Policies;

public class AdminPolicyCompilerTests
{
    private static (CompiledAdminPolicy Policy, ImmutableArray<CompileIssue> Issues) Compile(AdminPolicyInfo policy)
    {
        var issues = ImmutableArray.CreateBuilder<CompileIssue>();
        var compiled = AdminPolicyCompiler.Compile(policy, issues);
        return (compiled, issues.ToImmutable());
    }

    [Theory]
    [InlineData(AdminPolicyKind.AdminNetworkPolicy, "Allow", AdminAction.Allow)]
    [InlineData(AdminPolicyKind.AdminNetworkPolicy, "Deny", AdminAction.Deny)]
    [InlineData(AdminPolicyKind.AdminNetworkPolicy, "Pass", AdminAction.Pass)]
    [InlineData(AdminPolicyKind.BaselineAdminNetworkPolicy, "Allow", AdminAction.Allow)]
    [InlineData(AdminPolicyKind.BaselineAdminNetworkPolicy, "Deny", AdminAction.Deny)]
    [InlineData(AdminPolicyKind.ClusterNetworkPolicy, "Accept", AdminAction.Allow)]
    [InlineData(AdminPolicyKind.ClusterNetworkPolicy, "Deny", AdminAction.Deny)]
    [InlineData(AdminPolicyKind.ClusterNetworkPolicy, "Pass", AdminAction.Pass)]
    public void Action_ValidForKind_Compiles(AdminPolicyKind kind, string action, AdminAction expected)
    {
        var (policy, issues) = Compile(Make(kind, [ARule(action, [ANs("")])]));

        Assert.Empty(issues);
        Assert.Equal(expected, policy.IngressRules[0].Action);
        Assert.IsType<PodPeer>(policy.IngressRules[0].Peers[0]);
    }

    [Theory]
    [InlineData(AdminPolicyKind.AdminNetworkPolicy, "Accept")]
    [InlineData(AdminPolicyKind.BaselineAdminNetworkPolicy, "Pass")]
    [InlineData(AdminPolicyKind.ClusterNetworkPolicy, "Allow")]
    [InlineData(AdminPolicyKind.AdminNetworkPolicy, "allow")]
    public void Action_InvalidForKind_RuleMatchesNothing(AdminPolicyKind kind, string action)
    {
        var (policy, issues) = Compile(Make(kind, [ARule(action, [ANs("")])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.IngressRules[0].Peers));
        Assert.Equal("spec.ingress[0].action", Assert.Single(issues).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Priority_OutOfRange_PolicySelectsNothing(int? priority)
    {
        var anp = Anp("p", 0, SubjectNs(""), [ARule("Deny", [ANs("")])]) with { Priority = priority };

        var (policy, issues) = Compile(anp);

        Assert.IsType<NoPeers>(policy.Subject);
        Assert.Equal("spec.priority", Assert.Single(issues).Field);
    }

    [Fact]
    public void Banp_NotNamedDefault_SelectsNothing()
    {
        var (policy, issues) = Compile(Banp(SubjectNs(""), [ARule("Deny", [ANs("")])], name: "other"));

        Assert.IsType<NoPeers>(policy.Subject);
        Assert.Equal("metadata.name", Assert.Single(issues).Field);
        Assert.Equal(PolicyTier.Baseline, policy.Tier);
    }

    [Fact]
    public void Subject_BothOrNeither_SelectsNothing()
    {
        var both = new AdminSubject(Sel(), new NamespacedPodSelector(Sel(), Sel()));
        var neither = new AdminSubject(null, null);

        Assert.IsType<NoPeers>(Compile(Anp("a", 1, both)).Policy.Subject);
        Assert.IsType<NoPeers>(Compile(Anp("b", 1, neither)).Policy.Subject);
    }

    [Theory]
    [InlineData("Deny", true)]
    [InlineData("Pass", true)]
    [InlineData("Allow", false)]
    public void UnknownPeerKind_FailsClosed(string action, bool denyAll)
    {
        var unknown = new AdminPeer(null, null, null, null);

        var (policy, _) = Compile(Anp("p", 1, SubjectNs(""), egress: [ARule(action, [unknown], [new AdminPort.Number("TCP", 443)])]));

        var rule = policy.EgressRules[0];
        if (denyAll)
        {
            Assert.Equal(AdminAction.Deny, rule.Action);
            Assert.IsType<AllPeers>(Assert.Single(rule.Peers));
            Assert.IsType<AllPorts>(rule.Ports);
        }
        else
        {
            Assert.IsType<NoPeers>(Assert.Single(rule.Peers));
        }
    }

    [Fact]
    public void Peers_EgressKinds_CompileToMatchers()
    {
        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), egress: [ARule("Allow",
            [ANs("a=1"), APods("b=2", "c=3"), ANodes("kubernetes.io/os=linux"), ANetworks("10.0.0.0/8", "fd00::/8")])]));

        Assert.Empty(issues);
        var peers = policy.EgressRules[0].Peers;
        Assert.IsType<PodPeer>(peers[0]);
        Assert.Equal("c=3", Assert.IsType<PodPeer>(peers[1]).Pods.ToString());
        Assert.IsType<NodePeer>(peers[2]);
        Assert.Equal(2, Assert.IsType<NetworksPeer>(peers[3]).Blocks.Length);
    }

    [Fact]
    public void Peers_NodesOrNetworksInIngress_MatchNothing()
    {
        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), ingress: [ARule("Allow", [ANodes(""), ANetworks("10.0.0.0/8")])]));

        Assert.All(policy.IngressRules[0].Peers, p => Assert.IsType<NoPeers>(p));
        Assert.Equal(2, issues.Length);
    }

    [Fact]
    public void Peers_MoreThanOneField_MatchesNothing()
    {
        var twoFields = new AdminPeer(Sel(), null, null, ["10.0.0.0/8"]);

        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), egress: [ARule("Allow", [twoFields])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.EgressRules[0].Peers));
        Assert.Single(issues);
    }

    [Fact]
    public void Networks_InvalidCidr_PeerMatchesNothing()
    {
        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), egress: [ARule("Deny", [ANetworks("10.0.0.0/8", "bogus")])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.EgressRules[0].Peers));
        Assert.Equal("spec.egress[0].to[0].networks[1]", Assert.Single(issues).Field);
    }

    public static TheoryData<AdminPort, string> PortCases => new()
    {
        { new AdminPort.Number("TCP", 80), "80/TCP" },
        { new AdminPort.Number("", 80), "80/TCP" },
        { new AdminPort.Range("UDP", 1000, 2000), "1000-2000/UDP" },
        { new AdminPort.Named("dns"), "dns" },
    };

    [Theory]
    [MemberData(nameof(PortCases))]
    public void Ports_Valid_Compile(AdminPort port, string expected)
    {
        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), ingress: [ARule("Allow", [ANs("")], [port])]));

        Assert.Empty(issues);
        Assert.Equal(expected, policy.IngressRules[0].Ports.ToString());
    }

    public static TheoryData<AdminPort> BadPortCases => new()
    {
        new AdminPort.Number("ICMP", 80),
        new AdminPort.Number("TCP", 0),
        new AdminPort.Range("TCP", 2000, 1000),
        new AdminPort.Range("TCP", 1000, 1000),
        new AdminPort.Range("TCP", 1000, 70000),
    };

    [Theory]
    [MemberData(nameof(BadPortCases))]
    public void Ports_Invalid_MatchNoTraffic(AdminPort port)
    {
        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), ingress: [ARule("Allow", [ANs("")], [port])]));

        Assert.IsType<NoPorts>(policy.IngressRules[0].Ports);
        Assert.NotEmpty(issues);
    }

    [Fact]
    public void Rule_NoPeers_MatchesNothing()
    {
        var (policy, issues) = Compile(Anp("p", 1, SubjectNs(""), ingress: [ARule("Deny", [])]));

        Assert.IsType<NoPeers>(Assert.Single(policy.IngressRules[0].Peers));
        Assert.Equal("spec.ingress[0].from", Assert.Single(issues).Field);
    }

    [Fact]
    public void EvaluationOrder_PriorityThenKindThenName()
    {
        var list = new[]
        {
            Compile(Cnp("c5", AdminTier.Admin, 5, SubjectNs(""))).Policy,
            Compile(Anp("z5", 5, SubjectNs(""))).Policy,
            Compile(Anp("a5", 5, SubjectNs(""))).Policy,
            Compile(Cnp("c1", AdminTier.Admin, 1, SubjectNs(""))).Policy,
        };

        var ordered = list.Order(CompiledAdminPolicy.EvaluationOrder).Select(p => p.Ref.Name);

        Assert.Equal(["c1", "a5", "z5", "c5"], ordered);
    }

    private static AdminPolicyInfo Make(AdminPolicyKind kind, AdminRule[] ingress) => kind switch
    {
        AdminPolicyKind.AdminNetworkPolicy => Anp("p", 1, SubjectNs(""), ingress),
        AdminPolicyKind.BaselineAdminNetworkPolicy => Banp(SubjectNs(""), ingress),
        _ => Cnp("p", AdminTier.Admin, 1, SubjectNs(""), ingress),
    };
}
