using PolicyDashboard.Core.Describe;
using PolicyDashboard.Core.Model;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Describe;

public class AdminPolicyWordsTests
{
    public static TheoryData<string, AdminPolicyInfo, string> Cases => new()
    {
        {
            "ANP: priority, rules in order, Deny and Pass",
            Anp("isolate-shop", 10, SubjectNs("team=shop"),
                ingress: [ARule("Pass", [ANs("team=platform")], name: "monitoring"), ARule("Deny", [ANs("")])]),
            "Applies to all pods in namespaces with team=shop; Admin tier, priority 10 (lower first, before any NetworkPolicy): rules in order, the first match decides; "
            + "ingress[0] \"monitoring\": Pass from all pods in namespaces with team=platform, on all ports (the decision passes to NetworkPolicies); "
            + "ingress[1]: Deny from all pods in all namespaces, on all ports; no egress rules: egress is left to NetworkPolicies and the Baseline tier"
        },
        {
            "ANP pods subject; egress to networks and nodes with ports",
            Anp("egress", 5, SubjectPods("", "app=api"), egress: [
                ARule("Allow", [ANetworks("10.0.0.0/8")], [new AdminPort.Number("TCP", 443), new AdminPort.Range("UDP", 1000, 2000)]),
                ARule("Allow", [ANodes("")], [new AdminPort.Named("metrics")]),
            ]),
            "Applies to pods with app=api in all namespaces; Admin tier, priority 5 (lower first, before any NetworkPolicy): rules in order, the first match decides; "
            + "no ingress rules: ingress is left to NetworkPolicies and the Baseline tier; "
            + "egress[0]: Allow to addresses in 10.0.0.0/8 (pod and node addresses included), on port 443/TCP, ports 1000-2000/UDP; "
            + "egress[1]: Allow to all nodes, on the port named \"metrics\" of the destination pod (with its declared protocol)"
        },
        {
            "BANP: baseline only where no NetworkPolicy isolates",
            Banp(SubjectNs(""), ingress: [ARule("Deny", [APods("", "app=untrusted")])]),
            "Applies to all pods in all namespaces; Baseline tier: decides only where no NetworkPolicy isolates the pod for that direction; rules in order, the first match decides; "
            + "ingress[0]: Deny from pods with app=untrusted in all namespaces, on all ports; no egress rules: egress is left to the default (allowed)"
        },
        {
            "CNP Admin tier says Accept",
            Cnp("accept-dns", AdminTier.Admin, 1, SubjectNs(""), egress: [ARule("Accept", [APods("kubernetes.io/metadata.name=kube-system", "k8s-app=kube-dns")])]),
            "Applies to all pods in all namespaces; Admin tier, priority 1 (lower first, before any NetworkPolicy): rules in order, the first match decides; "
            + "no ingress rules: ingress is left to NetworkPolicies and the Baseline tier; "
            + "egress[0]: Accept to pods with k8s-app=kube-dns in namespaces with kubernetes.io/metadata.name=kube-system, on all ports"
        },
        {
            "CNP Baseline tier Pass goes to the default",
            Cnp("baseline", AdminTier.Baseline, 3, SubjectNs("env=dev"), ingress: [ARule("Pass", [ANs("")])]),
            "Applies to all pods in namespaces with env=dev; Baseline tier, priority 3 (lower first): decides only where no NetworkPolicy isolates the pod for that direction; rules in order, the first match decides; "
            + "ingress[0]: Pass from all pods in all namespaces, on all ports (the decision passes to the default: allowed); no egress rules: egress is left to the default (allowed)"
        },
        {
            "an unknown peer kind in a Deny rule fails closed: deny everything",
            Anp("future", 7, SubjectNs(""), ingress: [ARule("Deny", [new AdminPeer(null, null, null, null)])]),
            "Applies to all pods in all namespaces; Admin tier, priority 7 (lower first, before any NetworkPolicy): rules in order, the first match decides; "
            + "ingress[0]: Deny from any source, on all ports; no egress rules: egress is left to NetworkPolicies and the Baseline tier"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_AdminPolicy_ReadsAsTheApiMeansIt(string because, AdminPolicyInfo policy, string expected)
    {
        var actual = AdminPolicyWords.Describe(policy).ToString();
        Assert.True(expected == actual, $"{because}\nexpected: {expected}\nactual:   {actual}");
    }

    [Fact]
    public void Describe_BanpNotNamedDefault_AppliesToNoPods()
    {
        var d = AdminPolicyWords.Describe(Banp(SubjectNs(""), name: "other"));

        Assert.StartsWith("Applies to no pods", d.Subject);
    }
}
