using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Web.Inventory;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Inventory;

public sealed class TextFormattingTests
{
    // Cases from k8s.io/apimachinery/pkg/util/duration TestHumanDuration / TestHumanDurationBoundaries.
    [Theory]
    [InlineData(1, "1s")]
    [InlineData(70, "70s")]
    [InlineData(190, "3m10s")]
    [InlineData(70 * 60, "70m")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(49 * 3600, "2d1h")]
    [InlineData((8 * 24 + 2) * 3600, "8d")]
    [InlineData(367 * 24 * 3600, "367d")]
    [InlineData((365 * 2 * 24 + 25) * 3600L, "2y1d")]
    [InlineData((365 * 8 * 24 + 2) * 3600L, "8y")]
    [InlineData(-2, "<invalid>")]
    [InlineData(0, "0s")]
    [InlineData(2 * 60, "2m")]
    [InlineData(10 * 60 + 1, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(8 * 3600 + 59 * 60, "8h")]
    public void HumanAge_MatchesKubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanAge.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void EffectivePolicyTypes_Omitted_IngressPlusEgressOnlyWithEgressRules()
    {
        var rule = new NetworkPolicyRule([], []);
        Assert.Equal([PolicyType.Ingress], PolicySpecSummary.EffectivePolicyTypes(Make.Policy("d", "p", LabelSelector.Everything)));
        Assert.Equal([PolicyType.Ingress, PolicyType.Egress], PolicySpecSummary.EffectivePolicyTypes(Make.Policy("d", "p", LabelSelector.Everything, egress: [rule])));
        Assert.Equal([PolicyType.Egress], PolicySpecSummary.EffectivePolicyTypes(Make.Policy("d", "p", LabelSelector.Everything, types: [PolicyType.Egress])));
    }

    [Fact]
    public void Summary_RuleWithoutPeersOrPorts_ReadsAnywhereOnAllPorts()
    {
        var summary = PolicySpecSummary.Of(Make.Policy("d", "allow-all", LabelSelector.Everything, ingress: [new NetworkPolicyRule([], [])]));

        var rule = Assert.Single(summary.Ingress);
        Assert.Contains("anywhere", rule.Peers.Single());
        Assert.Equal(["all ports"], rule.Ports);
        Assert.Equal("all pods in d", summary.Subject);
    }

    [Theory]
    [InlineData(null, null, "all TCP ports")]
    [InlineData("UDP", 53, "UDP 53")]
    [InlineData(null, 32000, "TCP 32000-32768")]
    public void Port_FollowsNetworkPolicyPortDefaults(string? protocol, int? port, string expected)
    {
        var p = new NetworkPolicyPort(protocol, port is { } n ? IntOrString.Of(n) : null, expected.Contains('-') ? 32768 : null);
        Assert.Equal(expected, SpecText.Port(p));
    }

    [Fact]
    public void Selector_WritesMatchLabelsAndExpressions()
    {
        var selector = new LabelSelector(Labels.Of(("app", "web")),
        [
            new LabelSelectorRequirement("tier", "In", ["a", "b"]),
            new LabelSelectorRequirement("env", "NotIn", ["dev"]),
            new LabelSelectorRequirement("team", "Exists", []),
            new LabelSelectorRequirement("legacy", "DoesNotExist", []),
        ]);

        Assert.Equal("app=web, tier in (a, b), env notin (dev), team, !legacy", SpecText.Selector(selector));
        Assert.Equal("(all)", SpecText.Selector(LabelSelector.Everything));
        Assert.Equal("(none)", SpecText.Selector(null));
    }

    [Fact]
    public void Banner_LiveOrConnecting_IsNull()
    {
        var at = DateTimeOffset.UnixEpoch;
        Assert.Null(StatusText.Banner(new ConnectionStatus(ConnectionState.Live, at, null, [])));
        Assert.Null(StatusText.Banner(new ConnectionStatus(ConnectionState.Connecting, at, null, [])));
    }

    [Fact]
    public void Percent_UsesAnnouncedTotalsAndIgnoresUnservedKinds()
    {
        var status = new ConnectionStatus(ConnectionState.Connecting, DateTimeOffset.UnixEpoch, null,
        [
            new KindProgress("Pod", 25, 100, false),
            new KindProgress("Namespace", 0, null, true),
            new KindProgress("AdminNetworkPolicy", 0, null, false, Served: false),
        ]);

        Assert.Equal(25.0, StatusText.Percent(status));
        Assert.Null(StatusText.Percent(status with { Kinds = [new KindProgress("Pod", 25, null, false)] }));
    }

    [Theory]
    [InlineData("Pod", "pods")]
    [InlineData("NetworkPolicy", "networkpolicies")]
    [InlineData("pods", "pods")]
    [InlineData("Ingress", "ingresses")]
    [InlineData("ingresses", "ingresses")]
    public void KindPlural_IsTheResourceName(string kind, string expected) =>
        Assert.Equal(expected, StatusText.KindPlural(kind));

    [Theory]
    [InlineData(AdminPolicyKind.AdminNetworkPolicy)]
    [InlineData(AdminPolicyKind.BaselineAdminNetworkPolicy)]
    [InlineData(AdminPolicyKind.ClusterNetworkPolicy)]
    public void AdminKindSlug_RoundTrips(AdminPolicyKind kind) =>
        Assert.Equal(kind, Links.ParseAdminKindSlug(Links.AdminKindSlug(kind)));

    [Fact]
    public void ListLink_EscapesFilterValues() =>
        Assert.Equal("pods?ns=default&l=app%3Dweb%2Ctier%21%3Ddb", Links.List(Links.PodList, "default", selector: "app=web,tier!=db"));

    [Fact]
    public void IpSortKey_OrdersNumericallyIpv4BeforeIpv6()
    {
        var ips = new[] { "fd00::1", "10.0.0.10", "not-an-ip", "10.0.0.9", "9.255.255.255" }.Select(IpSortKey.Parse).Order().Select(k => k.Text);
        Assert.Equal(["9.255.255.255", "10.0.0.9", "10.0.0.10", "fd00::1", "not-an-ip"], ips);
    }

    [Fact]
    public void NamespaceRelations_AdminSubjectByPods_ReachesMatchingNamespacesOnly()
    {
        var subject = new AdminSubject(null, new NamespacedPodSelector(LabelSelector.Of(("team", "shop")), LabelSelector.Of(("app", "db"))));
        var snapshot = Make.Snapshot(1, Make.Admin(AdminPolicyKind.AdminNetworkPolicy, "db", subject));

        var shop = NamespaceRelations.For(snapshot, Make.Namespace("shop", "team=shop"));
        var other = NamespaceRelations.For(snapshot, Make.Namespace("other"));

        Assert.Equal("pods app=db in this namespace", Assert.Single(shop.AdminPolicies).How);
        Assert.Empty(other.AdminPolicies);
    }
}
