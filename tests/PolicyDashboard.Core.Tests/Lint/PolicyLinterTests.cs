using PolicyDashboard.Core.Lint;
using PolicyDashboard.Core.Model;
using static PolicyDashboard.Core.Tests.Validation.Build;

namespace PolicyDashboard.Core.Tests.Lint;

public sealed class PolicyLinterTests
{
    private static readonly ContainerPort[] DnsPorts = [new("dns", 53, Protocol.UDP), new("dns-tcp", 53, Protocol.TCP)];

    private static List<LintFinding> Lint(TestCluster cluster, string? code = null) =>
        [.. PolicyLinter.Lint(cluster.Build()).Where(f => code is null || f.Code == code)];

    private static NetworkPolicyInfo DenyEgress(string ns = "default", string name = "deny-egress") =>
        Np(policyTypes: [PolicyType.Egress], name: name, ns: ns);

    private static NetworkPolicyPeer DnsPeer => new(LabelSelector.Of(("k8s-app", "kube-dns")), LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")), null);

    [Fact]
    public void Lint_InvalidPolicy_IsAnErrorFindingWithFieldPath()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(ingress: [Peers(IpBlock("10.0.0.0/16", "10.1.0.0/24"))], name: "bad"));

        var finding = Assert.Single(Lint(cluster, LintCodes.InvalidObject));

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("spec.ingress[0].from[0].ipBlock.except[0]", finding.Field);
        Assert.Equal("spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"10.1.0.0/24\": must be a strict subset of `cidr`", finding.Message);
        Assert.Equal(new LintObject("NetworkPolicy", new ObjectKey("default", "bad")), Assert.Single(finding.Objects));
    }

    [Fact]
    public void Lint_InvalidPolicy_IsNotAnalysedFurther()
    {
        // podSelector with a bad operator would select nothing; only the validation error is reported.
        var cluster = TestCluster.Guestbook().Policy(Np(Expr("app", "Equals", "web"), name: "bad"));

        var findings = Lint(cluster).Where(f => f.Objects.Any(o => o.Key.Name == "bad")).ToList();

        Assert.All(findings, f => Assert.Equal(LintCodes.InvalidObject, f.Code));
        Assert.NotEmpty(findings);
    }

    [Fact]
    public void Lint_PolicyWithTypoInSelector_SelectsNoPod()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(LabelSelector.Of(("role", "dbb")), name: "typo"));

        var finding = Assert.Single(Lint(cluster, LintCodes.SelectsNoPod));

        Assert.Equal("spec.podSelector", finding.Field);
        Assert.Equal("typo", finding.Objects[0].Key.Name);
    }

    [Fact]
    public void Lint_PolicySelectingOnlyHostNetworkPods_SelectsNoPod()
    {
        var cluster = new TestCluster().Pod("default", "agent", [("app", "agent")], hostNetwork: true)
            .Policy(Np(LabelSelector.Of(("app", "agent")), name: "agent-policy"));

        Assert.Single(Lint(cluster, LintCodes.SelectsNoPod));
    }

    [Fact]
    public void Lint_AdminPolicyWithEmptySubject_SelectsNoPod()
    {
        var cluster = TestCluster.Guestbook().Admin(Anp(subject: new AdminSubject(LabelSelector.Of(("team", "none")), null), ingress: [ARule("Deny", [ANamespaces()])]));

        var finding = Assert.Single(Lint(cluster, LintCodes.SelectsNoPod));

        Assert.Equal("spec.subject", finding.Field);
        Assert.Equal(new AdminPolicyKey(AdminPolicyKind.AdminNetworkPolicy, "anp"), finding.Objects[0].AdminKey);
    }

    [Fact]
    public void Lint_PeerMatchingNoPod_IsReportedAtThePeer()
    {
        var cluster = TestCluster.Guestbook().Policy(AllowRedis(Pods(LabelSelector.Of(("k8s-app", "guestbook"))), Pods(LabelSelector.Of(("app", "ghost")))));

        var finding = Assert.Single(Lint(cluster, LintCodes.PeerMatchesNothing));

        Assert.Equal("spec.ingress[0].from[1]", finding.Field);
    }

    [Fact]
    public void Lint_NamespaceSelectorMatchingNoNamespace_IsReported()
    {
        var cluster = TestCluster.Guestbook().Policy(AllowRedis(Namespaces(LabelSelector.Of(("team", "nobody")))));

        var finding = Assert.Single(Lint(cluster, LintCodes.PeerMatchesNothing));

        Assert.Contains("matches no namespace", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_AdminNodesPeerMatchingNoNode_IsReported()
    {
        var cluster = TestCluster.Guestbook().Node("n1", ("role", "worker"))
            .Admin(Anp(egress: [ARule("Deny", [new AdminPeer(null, null, LabelSelector.Of(("role", "control-plane")), null)])]));

        var finding = Assert.Single(Lint(cluster, LintCodes.PeerMatchesNothing));

        Assert.Equal("spec.egress[0].to[0]", finding.Field);
    }

    [Fact]
    public void Lint_DefaultDenyEgress_WarnsThatDnsIsBlocked()
    {
        var cluster = TestCluster.Guestbook().Policy(DenyEgress());

        var finding = Assert.Single(Lint(cluster, LintCodes.EgressWithoutDns));

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Contains("7 pods in default", finding.Message, StringComparison.Ordinal);
        Assert.Contains("53/UDP and 53/TCP", finding.Message, StringComparison.Ordinal);
        Assert.Equal([LintObject.For(DenyEgress()), LintObject.Namespace("default")], finding.Objects);
    }

    [Fact]
    public void Lint_EgressAllowingOnlyUdpDns_WarnsAboutTcp()
    {
        var cluster = TestCluster.Guestbook().Policy(DenyEgress())
            .Policy(Np(egress: [Rule([DnsPeer], [Port(53, "UDP")])], policyTypes: [PolicyType.Egress], name: "dns-udp"));

        var finding = Assert.Single(Lint(cluster, LintCodes.EgressWithoutDns));

        Assert.Contains("cannot send 53/TCP to", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_EgressAllowingDnsByNamedPorts_IsFine()
    {
        var cluster = TestCluster.Guestbook().Policy(DenyEgress())
            .Policy(Np(egress: [Rule([DnsPeer], [Port("dns", "UDP"), Port("dns-tcp")])], policyTypes: [PolicyType.Egress], name: "dns"));

        Assert.Empty(Lint(cluster, LintCodes.EgressWithoutDns));
    }

    [Fact]
    public void Lint_EgressAllowingDnsToTheWrongNamespace_StillWarns()
    {
        var cluster = TestCluster.Guestbook().Policy(DenyEgress())
            .Policy(Np(egress: [Rule([Pods(LabelSelector.Of(("k8s-app", "kube-dns")))], [Port(53, "UDP"), Port(53)])], policyTypes: [PolicyType.Egress], name: "dns-same-ns"));

        // A podSelector alone means the policy's own namespace; CoreDNS runs in kube-system.
        Assert.Single(Lint(cluster, LintCodes.EgressWithoutDns));
    }

    [Fact]
    public void Lint_EgressAllowingDnsByIpBlock_IsFine()
    {
        var cluster = TestCluster.Guestbook().Pod("kube-system", "coredns-1", [("k8s-app", "kube-dns")], DnsPorts, ip: "10.96.5.5")
            .Policy(DenyEgress())
            .Policy(Np(egress: [Rule([IpBlock("10.96.0.0/16")], [Port(53, "UDP"), Port(53, "TCP")])], policyTypes: [PolicyType.Egress], name: "dns-block"));

        Assert.Empty(Lint(cluster, LintCodes.EgressWithoutDns));
    }

    [Fact]
    public void Lint_AdminDenyOfKubeSystemEgress_BlocksDns()
    {
        var cluster = TestCluster.Guestbook().Admin(Anp(subject: new AdminSubject(LabelSelector.Of(("kubernetes.io/metadata.name", "default")), null),
            egress: [ARule("Deny", [ANamespaces(LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")))])], name: "no-system"));

        var finding = Assert.Single(Lint(cluster, LintCodes.EgressWithoutDns));

        Assert.Equal(new AdminPolicyKey(AdminPolicyKind.AdminNetworkPolicy, "no-system"), finding.Objects[0].AdminKey);
    }

    [Fact]
    public void Lint_AdminAllowOfDnsBeforeNetworkPolicyIsolation_IsFine()
    {
        var cluster = TestCluster.Guestbook().Policy(DenyEgress())
            .Admin(Anp(egress: [ARule("Allow", [ANamespaces(LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")))],
                [new AdminPort.Number("UDP", 53), new AdminPort.Number("TCP", 53)])], name: "dns"));

        Assert.Empty(Lint(cluster, LintCodes.EgressWithoutDns));
    }

    [Fact]
    public void Lint_ManifestsWithoutDnsPods_NeedSomePort53Allowance()
    {
        var denied = new TestCluster().Pod("app", "web", [("app", "web")]).Policy(DenyEgress("app"));
        var allowed = new TestCluster().Pod("app", "web", [("app", "web")]).Policy(DenyEgress("app"))
            .Policy(Np(egress: [Ports(Port(53, "UDP"), Port(53, "TCP"))], policyTypes: [PolicyType.Egress], name: "dns", ns: "app"));

        Assert.Contains("no cluster DNS pods", Assert.Single(Lint(denied, LintCodes.EgressWithoutDns)).Message, StringComparison.Ordinal);
        Assert.Empty(Lint(allowed, LintCodes.EgressWithoutDns));
    }

    [Fact]
    public void Lint_IngressOnlyPolicies_DoNotAffectDns()
    {
        Assert.Empty(Lint(TestCluster.Guestbook().Policy(AllowRedis()), LintCodes.EgressWithoutDns));
    }

    [Fact]
    public void Lint_RuleWithoutPeers_AllowsEveryone()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(ingress: [Rule()], name: "allow-all"));

        var finding = Assert.Single(Lint(cluster, LintCodes.AllowAll));

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("spec.ingress[0]", finding.Field);
    }

    [Fact]
    public void Lint_IpBlockOfWholeIpv4Space_AllowsEveryone()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(egress: [Peers(IpBlock("0.0.0.0/0"))], policyTypes: [PolicyType.Egress], name: "world"));

        var finding = Assert.Single(Lint(cluster, LintCodes.AllowAll));

        Assert.Equal("spec.egress[0].to[0]", finding.Field);
        Assert.Contains("every IPv4 address", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WholeSpaceWithExcept_IsNotAllowAll()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(egress: [Peers(IpBlock("0.0.0.0/0", "10.0.0.0/8"))], policyTypes: [PolicyType.Egress], name: "world-but-cluster"));

        Assert.Empty(Lint(cluster, LintCodes.AllowAll));
    }

    [Fact]
    public void Lint_EmptyNamespaceSelectorPeer_IsInformation()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(ingress: [Peers(Namespaces(LabelSelector.Everything))], name: "cluster-wide"));

        Assert.Equal(LintSeverity.Info, Assert.Single(Lint(cluster, LintCodes.AllowAll)).Severity);
    }

    [Fact]
    public void Lint_AdminAllowToIpv6World_IsWarning_DenyIsNot()
    {
        var cluster = TestCluster.Guestbook().Admin(Anp(egress: [ARule("Allow", [ANetworks("::/0")]), ARule("Deny", [ANetworks("0.0.0.0/0")])]));

        var finding = Assert.Single(Lint(cluster, LintCodes.AllowAll));

        Assert.Equal("spec.egress[0].to[0]", finding.Field);
    }

    [Fact]
    public void Lint_NamespaceWithoutPolicies_IsNotIsolated()
    {
        var findings = Lint(TestCluster.Guestbook(), LintCodes.NamespaceNotIsolated);

        Assert.Equal(["default", "kube-system"], findings.Select(f => f.Objects[0].Key.Name));
    }

    [Fact]
    public void Lint_NamespaceWithAPolicy_IsIsolated()
    {
        var findings = Lint(TestCluster.Guestbook().Policy(AllowRedis()), LintCodes.NamespaceNotIsolated);

        Assert.Equal(["kube-system"], findings.Select(f => f.Objects[0].Key.Name));
    }

    [Fact]
    public void Lint_NamespaceCoveredByAdminSubject_IsIsolated()
    {
        var findings = Lint(TestCluster.Guestbook().Admin(Anp(ingress: [ARule("Pass", [ANamespaces()])])), LintCodes.NamespaceNotIsolated);

        Assert.Empty(findings);
    }

    [Fact]
    public void Lint_RuleCoveredByBroaderRuleOfAnotherPolicy_IsShadowed()
    {
        // allow-all-in-ns selects the same pods and allows every pod of the namespace on every port.
        var cluster = TestCluster.Guestbook()
            .Policy(AllowRedis())
            .Policy(Np(LabelSelector.Of(("role", "db")), ingress: [Rule([Pods(LabelSelector.Everything)], [])], name: "allow-ns"));

        var finding = Assert.Single(Lint(cluster, LintCodes.Shadowed));

        Assert.Equal("allow-redis", finding.Objects[0].Key.Name);
        Assert.Contains("fully shadowed", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_DefaultDenyUnderBroaderIsolation_IsInformationOnly()
    {
        var cluster = TestCluster.Guestbook()
            .Policy(Np(policyTypes: [PolicyType.Ingress], name: "default-deny"))
            .Policy(Np(ingress: [Peers(Pods(LabelSelector.Everything))], name: "allow-same-namespace"));

        var finding = Assert.Single(Lint(cluster, LintCodes.Shadowed));

        Assert.Equal(LintSeverity.Info, finding.Severity);
        Assert.Equal(["default-deny", "allow-same-namespace"], finding.Objects.Select(o => o.Key.Name));
    }

    [Fact]
    public void Lint_OnlyDefaultDeny_IsNotShadowed()
    {
        Assert.Empty(Lint(TestCluster.Guestbook().Policy(Np(policyTypes: [PolicyType.Ingress], name: "default-deny")), LintCodes.Shadowed));
    }

    [Fact]
    public void Lint_NarrowerPolicyWithExtraPort_IsNotShadowed()
    {
        var cluster = TestCluster.Guestbook()
            .Policy(Np(LabelSelector.Of(("role", "db")), ingress: [Rule([Pods(LabelSelector.Everything)], [Port(6379)])], name: "redis-port"))
            .Policy(Np(LabelSelector.Of(("role", "db")), ingress: [Rule([Pods(LabelSelector.Of(("tier", "frontend")))], [Port(6379), Port(26379)])], name: "sentinel"));

        Assert.Empty(Lint(cluster, LintCodes.Shadowed));
    }

    [Fact]
    public void Lint_IdenticalRulesInOnePolicy_ReportsOnlyTheLaterOne()
    {
        var rule = Rule([Pods(LabelSelector.Of(("tier", "frontend")))], [Port(6379)]);
        var cluster = TestCluster.Guestbook().Policy(Np(LabelSelector.Of(("role", "db")), ingress: [rule, rule], name: "twice"));

        var finding = Assert.Single(Lint(cluster, LintCodes.Shadowed));

        Assert.Equal("spec.ingress[1]", finding.Field);
    }

    [Fact]
    public void Lint_AdminRuleAfterBroaderDeny_IsNeverReached()
    {
        var cluster = TestCluster.Guestbook()
            .Admin(Anp(10, ingress: [ARule("Deny", [ANamespaces()])], name: "deny-all"))
            .Admin(Anp(20, ingress: [ARule("Allow", [ANamespaces(LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")))], [new AdminPort.Number("TCP", 80)])], name: "allow-system"));

        var finding = Assert.Single(Lint(cluster, LintCodes.Shadowed));

        Assert.Equal(["allow-system", "deny-all"], finding.Objects.Select(o => o.Key.Name));
        Assert.Equal("spec.ingress[0]", finding.Field);
    }

    [Fact]
    public void Lint_AdminRuleBeforeBroaderRule_IsNotShadowed()
    {
        var cluster = TestCluster.Guestbook()
            .Admin(Anp(10, ingress: [ARule("Allow", [ANamespaces(LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")))]), ARule("Deny", [ANamespaces()])]));

        Assert.Empty(Lint(cluster, LintCodes.Shadowed));
    }

    [Fact]
    public void Lint_NamedPortNoSelectedPodDeclares_IsReported()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(LabelSelector.Of(("role", "db")), ingress: [Rule([Pods(LabelSelector.Everything)], [Port("redis-server"), Port("metrics")])], name: "named"));

        var finding = Assert.Single(Lint(cluster, LintCodes.NamedPortNotExposed));

        Assert.Equal("spec.ingress[0].ports[1].port", finding.Field);
    }

    [Fact]
    public void Lint_NamedPortWithOtherProtocol_IsReported()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(LabelSelector.Of(("role", "db")), ingress: [Rule([Pods(LabelSelector.Everything)], [Port("redis-server", "UDP")])], name: "udp"));

        Assert.Single(Lint(cluster, LintCodes.NamedPortNotExposed));
    }

    [Fact]
    public void Lint_EgressNamedPortOfDestination_IsFine()
    {
        var cluster = TestCluster.Guestbook().Policy(Np(LabelSelector.Of(("tier", "frontend")),
            egress: [Rule([Pods(LabelSelector.Of(("role", "db")))], [Port("redis-server")])], policyTypes: [PolicyType.Egress], name: "to-redis"));

        Assert.Empty(Lint(cluster, LintCodes.NamedPortNotExposed));
    }

    [Fact]
    public void Lint_CniDependentConstructs_AreInformation()
    {
        var cluster = TestCluster.Guestbook()
            .Pod("default", "node-agent", [("k8s-app", "guestbook")], hostNetwork: true)
            .Policy(Np(LabelSelector.Of(("k8s-app", "guestbook")),
                ingress: [Rule([IpBlock("192.168.0.0/16")], [Port("http-server")]), Ports(Port(30000, endPort: 30100), Port(9000, "SCTP"))], name: "cni"));

        var findings = Lint(cluster, LintCodes.CniDependent);

        Assert.All(findings, f => Assert.Equal(LintSeverity.Info, f.Severity));
        Assert.Equal(
            ["spec.ingress[0].ports[0]", "spec.ingress[1].ports[0].endPort", "spec.ingress[1].ports[1].protocol", "spec.podSelector"],
            findings.Select(f => f.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Lint_AdminPortWithUnknownProtocol_IsReported()
    {
        var cluster = TestCluster.Guestbook().Admin(Anp(ingress: [ARule("Deny", [ANamespaces()], [new AdminPort.Number("ICMP", 1)])]));

        Assert.Equal("spec.ingress[0].ports[0]", Assert.Single(Lint(cluster, LintCodes.AdminProtocolUnsupported)).Field);
    }

    [Fact]
    public void Lint_AdminPoliciesWithSamePriorityAndSharedPods_AreAmbiguous()
    {
        var cluster = TestCluster.Guestbook()
            .Admin(Anp(7, ingress: [ARule("Deny", [ANamespaces()])], name: "a"))
            .Admin(Anp(7, new AdminSubject(LabelSelector.Of(("kubernetes.io/metadata.name", "default")), null), ingress: [ARule("Allow", [ANamespaces()])], name: "b"))
            .Admin(Anp(8, ingress: [ARule("Allow", [ANamespaces()])], name: "c"));

        var finding = Assert.Single(Lint(cluster, LintCodes.AdminSamePriorityOverlap));

        Assert.Equal(["a", "b"], finding.Objects.Select(o => o.Key.Name));
    }

    [Fact]
    public void Lint_AdminSelectorWithUnknownOperator_IsAnError()
    {
        var cluster = TestCluster.Guestbook().Admin(Anp(ingress: [ARule("Deny", [ANamespaces(Expr("team", "Equals", "a"))])]));

        var finding = Assert.Single(Lint(cluster, LintCodes.AdminSelectorInvalid));

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.StartsWith("spec.ingress[0].from[0].namespaces.matchExpressions[0]", finding.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_Findings_AreOrderedErrorsFirst()
    {
        var cluster = TestCluster.Guestbook().Policy(DenyEgress()).Policy(Np(ingress: [Ports(Port(0))], name: "bad"));

        var severities = Lint(cluster).Select(f => f.Severity).ToList();

        Assert.Equal(severities.OrderByDescending(s => s), severities);
        Assert.Equal(LintSeverity.Error, severities[0]);
    }

    [Fact]
    public void Fails_WarningThreshold_CountsWarningsAndErrorsOnly()
    {
        LintFinding info = new("PD009", LintSeverity.Info, "i", []);
        LintFinding warning = new("PD002", LintSeverity.Warning, "w", []);

        Assert.False(PolicyLinter.Fails([info], LintSeverity.Warning));
        Assert.True(PolicyLinter.Fails([info, warning], LintSeverity.Warning));
        Assert.False(PolicyLinter.Fails([warning], LintSeverity.Error));
    }

    private static NetworkPolicyInfo AllowRedis(params NetworkPolicyPeer[] peers) =>
        peers.Length == 0 ? TestCluster.AllowRedis : Np(LabelSelector.Of(("role", "db")), ingress: [Peers(peers)], name: "allow-redis");
}
