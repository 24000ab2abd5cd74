using System.Collections.Immutable;
using PolicyDashboard.Core.Describe;
using PolicyDashboard.Core.Model;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Describe;

public class NetworkPolicyWordsTests
{
    private static LabelSelector Expr(string key, string op, params string[] values) =>
        new(Labels.Empty, [new LabelSelectorRequirement(key, op, [.. values])]);

    private static readonly NetworkPolicyRule ToDns = Rule([Namespaces(Sel("kubernetes.io/metadata.name=kube-system"))], Port(53, "UDP"));

    /// <summary>Policy → the whole description, joined with "; ".</summary>
    public static TheoryData<string, NetworkPolicyInfo, string> Cases => new()
    {
        {
            "seed allow-redis: podSelector peer alone is the policy's namespace; no ports = all ports",
            Np("default", "allow-redis", Sel("role=db"), ingress: [Rule([Pods(Sel("k8s-app=guestbook"))])]),
            "Selects pods with role=db in default; isolated for Ingress; allows from pods with k8s-app=guestbook in default, on all ports"
        },
        {
            "empty podSelector selects every pod of the namespace; no rules = deny all ingress",
            Np("shop", "default-deny", Sel()),
            "Selects all pods in shop; isolated for Ingress; allows no ingress (no ingress rules: all ingress of the selected pods is denied)"
        },
        {
            "a rule with no peers matches everything, also outside the cluster",
            Np("shop", "allow-all", Sel(), ingress: [Rule()]),
            "Selects all pods in shop; isolated for Ingress; allows from any source (every pod in every namespace and every address outside the cluster), on all ports"
        },
        {
            "namespaceSelector {} is every namespace",
            Np("shop", "from-all-ns", Sel("app=web"), ingress: [Rule([Namespaces(Sel())])]),
            "Selects pods with app=web in shop; isolated for Ingress; allows from all pods in all namespaces, on all ports"
        },
        {
            "both selectors in one peer are ANDed; two peers are ORed",
            Np("shop", "and-or", Sel("app=db"), ingress: [Rule([PodsIn(Sel("team=shop"), Sel("app=api")), Pods(Sel("app=admin"))])]),
            "Selects pods with app=db in shop; isolated for Ingress; allows from pods with app=api in namespaces with team=shop or pods with app=admin in shop, on all ports"
        },
        {
            "ipBlock with except",
            Np("shop", "ext", Sel("app=web"), ingress: [Rule([Block("0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16")], Port(443))]),
            "Selects pods with app=web in shop; isolated for Ingress; allows from addresses in 0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16, on port 443/TCP"
        },
        {
            "ipBlock host bits mean the containing network",
            Np("shop", "host-bits", Sel(), ingress: [Rule([Block("10.1.2.3/16")])]),
            "Selects all pods in shop; isolated for Ingress; allows from addresses in 10.1.0.0/16, on all ports"
        },
        {
            "named port resolves on the destination pod, with the port entry's protocol (TCP by default)",
            Np("shop", "named", Sel("app=web"), ingress: [Rule([Pods(Sel())], Port("http"), Port("metrics", "UDP"))]),
            "Selects pods with app=web in shop; isolated for Ingress; allows from all pods in shop, on the port named \"http\" (TCP) of the destination pod, the port named \"metrics\" (UDP) of the destination pod"
        },
        {
            "endPort is an inclusive range; a protocol without port is every port of it",
            Np("shop", "range", Sel(), ingress: [Rule([Pods(Sel())], Port(32000, null, 32768), new NetworkPolicyPort("UDP", null, null))]),
            "Selects all pods in shop; isolated for Ingress; allows from all pods in shop, on ports 32000-32768/TCP, all UDP ports"
        },
        {
            "policyTypes omitted with egress rules: Ingress and Egress, ingress has no rules",
            Np("shop", "dns-only", Sel(), egress: [ToDns]),
            "Selects all pods in shop; isolated for Ingress and Egress; allows no ingress (no ingress rules: all ingress of the selected pods is denied); allows to all pods in namespaces with kubernetes.io/metadata.name=kube-system, on port 53/UDP"
        },
        {
            "policyTypes [Egress] with no egress rules denies all egress and leaves ingress alone",
            Np("shop", "deny-egress", Sel(), [PolicyType.Egress]),
            "Selects all pods in shop; isolated for Egress; allows no egress (no egress rules: all egress of the selected pods is denied)"
        },
        {
            "policyTypes [Ingress] makes egress rules ineffective",
            Np("shop", "ignored-egress", Sel(), [PolicyType.Ingress], ingress: [Rule([Pods(Sel())])], egress: [ToDns]),
            "Selects all pods in shop; isolated for Ingress; allows from all pods in shop, on all ports; its egress rules have no effect: policyTypes does not list Egress"
        },
        {
            "egress rule with no peers is every destination",
            Np("shop", "egress-all", Sel(), [PolicyType.Egress], egress: [Rule()]),
            "Selects all pods in shop; isolated for Egress; allows to any destination (every pod in every namespace and every address outside the cluster), on all ports"
        },
        {
            "matchExpressions: NotIn and DoesNotExist also match a missing key",
            Np("shop", "exprs", Expr("env", "NotIn", "prod"), ingress: [Rule([Pods(Expr("canary", "DoesNotExist"))]), Rule([Namespaces(Expr("team", "In", "a", "b"))])]),
            "Selects pods with (env!=prod or no label env) in shop; isolated for Ingress; allows from pods with no label canary in shop, on all ports; allows from all pods in namespaces with team in (a, b), on all ports"
        },
        {
            "an invalid podSelector selects nothing",
            Np("shop", "bad", Expr("app", "Matches", "x")),
            "Selects no pods (the podSelector is invalid); isolated for Ingress; allows no ingress (no ingress rules: all ingress of the selected pods is denied)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_Policy_ReadsAsKubernetesMeansIt(string because, NetworkPolicyInfo policy, string expected)
    {
        Assert.True(expected == NetworkPolicyWords.Describe(policy).ToString(), $"{because}\nexpected: {expected}\nactual:   {NetworkPolicyWords.Describe(policy)}");
    }

    [Theory]
    [InlineData(false, "policyTypes is not set: Ingress only (the policy has no egress rules)")]
    [InlineData(true, "policyTypes is not set: Ingress and, because the policy has egress rules, Egress")]
    public void Describe_PolicyTypesOmitted_SaysHowTheyDefaulted(bool egressRules, string expected)
    {
        var policy = Np("shop", "p", Sel(), egress: egressRules ? [ToDns] : null);

        Assert.Equal(expected, NetworkPolicyWords.Describe(policy).Defaulting);
    }

    [Fact]
    public void Describe_PolicyTypesListed_HasNoDefaultingNote()
    {
        Assert.Null(NetworkPolicyWords.Describe(Np("shop", "p", Sel(), [PolicyType.Ingress])).Defaulting);
    }

    [Fact]
    public void Describe_IngressAndEgressRules_KeepsThemApartInOrder()
    {
        var d = NetworkPolicyWords.Describe(Np("shop", "p", Sel(), [PolicyType.Ingress, PolicyType.Egress],
            ingress: [Rule([Pods(Sel("a=1"))]), Rule([Pods(Sel("b=2"))])], egress: [ToDns]));

        Assert.Equal(["allows from pods with a=1 in shop, on all ports", "allows from pods with b=2 in shop, on all ports"], d.Ingress);
        Assert.Single(d.Egress);
        Assert.Empty(d.Notes);
    }
}
