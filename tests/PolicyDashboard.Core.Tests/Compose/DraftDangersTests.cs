using System.Collections.Immutable;
using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Compose;

public sealed class DraftDangersTests
{
    private static PodInfo Pod(string ns, string name, string ip, params (string, string)[] labels) =>
        new(new ObjectMeta(name, ns, Labels: Labels.Of(labels)), [ip], [], Phase: "Running", NodeName: "n1");

    private static readonly ClusterSnapshot Cluster = Build(
        Pod("default", "web", "10.0.0.1", ("app", "web")),
        Pod("default", "db", "10.0.0.2", ("app", "db")),
        Pod("kube-system", "coredns", "10.0.9.1", ("k8s-app", "kube-dns")));

    private static ClusterSnapshot Build(params PodInfo[] pods)
    {
        var s = ClusterSnapshot.Empty;
        foreach (var p in pods) s = s with { Pods = s.Pods.SetItem(p.Key, p) };
        return s;
    }

    private static ClusterSnapshot With(ClusterSnapshot s, params NetworkPolicyInfo[] policies) =>
        s with { NetworkPolicies = s.NetworkPolicies.SetItems(policies.Select(p => KeyValuePair.Create(p.Key, p))) };

    private static IReadOnlyList<DraftDanger> Check(params NetworkPolicyInfo[] draft) => DraftDangers.Check(Cluster, With(Cluster, draft), draft, []);

    private static NetworkPolicyInfo Policy(string ns, string name, LabelSelector selector, ImmutableArray<PolicyType>? types,
        ImmutableArray<NetworkPolicyRule> ingress, ImmutableArray<NetworkPolicyRule> egress) => new(new ObjectMeta(name, ns), selector, types, ingress, egress);

    [Fact]
    public void Check_IngressRuleWithoutPeersOrPorts_FlagsAllowsAll()
    {
        var dangers = Check(Policy("default", "open", LabelSelector.Everything, null, [new NetworkPolicyRule([], [])], []));

        Assert.Equal([DangerKind.AllowsAll], dangers.Select(d => d.Kind));
    }

    [Fact]
    public void Check_EgressToEverywhereOn443_FlagsInternetButNotAllowsAll()
    {
        var dangers = Check(Policy("default", "out", LabelSelector.Of(("app", "web")), [PolicyType.Egress], [],
            [new NetworkPolicyRule([new NetworkPolicyPeer(null, null, new IpBlock("0.0.0.0/0", []))], [new NetworkPolicyPort("TCP", IntOrString.Of(443), null)])]));

        Assert.Contains(dangers, d => d.Kind == DangerKind.EgressToInternet);
        Assert.DoesNotContain(dangers, d => d.Kind == DangerKind.AllowsAll);
        Assert.Contains(dangers, d => d.Kind == DangerKind.EgressWithoutDns && d.Message.Contains("default/web", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DenyEgressAllowingDns_NoDnsDanger()
    {
        var dns = new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "kube-dns")), LabelSelector.Everything, null)],
            [new NetworkPolicyPort("UDP", IntOrString.Of(53), null)]);

        var dangers = Check(Policy("default", "deny-egress", LabelSelector.Everything, [PolicyType.Egress], [], [dns]));

        Assert.DoesNotContain(dangers, d => d.Kind == DangerKind.EgressWithoutDns);
    }

    [Fact]
    public void Check_PolicyInKubeSystem_FlagsSystemPods()
    {
        var dangers = Check(Policy("kube-system", "lock", LabelSelector.Everything, [PolicyType.Ingress], [], []));

        var danger = Assert.Single(dangers);
        Assert.Equal(DangerKind.SelectsSystemPods, danger.Kind);
        Assert.Contains("kube-system/coredns", danger.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DeletingTheOnlyPolicyOfANamespace_FlagsRemovedIsolation()
    {
        var deny = Policy("default", "deny", LabelSelector.Everything, [PolicyType.Ingress], [], []);
        var before = With(Cluster, deny);
        var after = before with { NetworkPolicies = before.NetworkPolicies.Remove(deny.Key) };

        var dangers = DraftDangers.Check(before, after, [], [deny.Key]);

        Assert.Equal(DangerKind.RemovesLastIsolation, Assert.Single(dangers).Kind);
    }
}
