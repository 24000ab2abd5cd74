using System.Collections.Immutable;
using Bunit;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class OtherListPageTests : DashboardTestContext
{
    private static readonly AdminSubject AllNamespaces = new(LabelSelector.Everything, null);

    private static readonly object[] Objects =
    [
        Make.Namespace("default"), Make.Namespace("shop", "team=shop"), Make.Namespace("kube-system"),
        Make.Pod("default", "web-1"), Make.Pod("default", "web-2"), Make.Pod("shop", "api-1"),
        Make.Service("default", "web", "app=web", Make.ServicePort(80, IntOrString.Of(8080))),
        Make.Service("shop", "api", "app=api", Make.ServicePort(8080, IntOrString.Of("http"))),
        Make.Ingress("default", "simple", new IngressRouteInfo("docs.example.com", "/", "Prefix", "web", IntOrString.Of(80))),
        Make.Policy("shop", "default-deny", LabelSelector.Everything, [PolicyType.Ingress, PolicyType.Egress]),
        Make.Policy("shop", "allow-web", LabelSelector.Of(("tier", "api"))),
        Make.Admin(AdminPolicyKind.AdminNetworkPolicy, "protect-kube-system", new AdminSubject(LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")), null)),
        Make.Admin(AdminPolicyKind.BaselineAdminNetworkPolicy, "default", AllNamespaces, priority: null, tier: AdminTier.Baseline),
        Make.Admin(AdminPolicyKind.ClusterNetworkPolicy, "default", AllNamespaces, priority: 5, tier: AdminTier.Baseline),
    ];


    [Fact]
    public void PoliciesPage_ListsEveryKindInTierOrder()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<NetworkPolicies>();

        var rows = cut.FindAll("[data-testid=policy-row]").Select(r => r.Children[1].TextContent.Trim() + "/" + r.Children[0].TextContent.Trim()).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal("AdminNetworkPolicy/protect-kube-system", rows[0]);
        Assert.Equal(["NetworkPolicy/allow-web", "NetworkPolicy/default-deny"], rows.Skip(1).Take(2));
        Assert.Equal(["BaselineAdminNetworkPolicy/default", "ClusterNetworkPolicy/default"], rows.Skip(3).Order());
        var links = cut.FindAll("[data-testid=policy-name]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("clusterpolicies/baselineadminnetworkpolicy/default", links);
        Assert.Contains("networkpolicies/shop/default-deny", links);
    }

    [Fact]
    public void PoliciesPage_NamespaceChosen_ShowsOnlyItsNetworkPolicies()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<NetworkPolicies>("networkpolicies?ns=shop");

        Assert.Equal(["allow-web", "default-deny"], cut.FindAll("[data-testid=policy-name]").Select(a => a.TextContent).Order());
    }

    [Fact]
    public void NamespacesPage_ShowsCountsPerNamespace_AndSelectorFiltersByNamespaceLabels()
    {
        Publish(Make.Snapshot(1, Objects));
        var cut = RenderPage<Namespaces>();

        var row = cut.FindAll("[data-testid=namespace-row]").Single(r => r.QuerySelector("[data-testid=namespace-name]")!.TextContent == "default");
        Assert.Equal("2", row.Children[2].TextContent.Trim()); // pods
        Assert.Equal("1", row.Children[3].TextContent.Trim()); // services

        cut.Find("input[data-testid=filter-selector]").Input("team=shop");
        cut.WaitForAssertion(() => Assert.Equal(["shop"], cut.FindAll("[data-testid=namespace-name]").Select(a => a.TextContent)), Wait);
    }

    [Fact]
    public void ServicesPage_ListsServicesWithSelector()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<Services>("services?ns=shop");

        var row = Assert.Single(cut.FindAll("[data-testid=service-row]"));
        Assert.Contains("api", row.TextContent);
        Assert.Contains("app=api", row.TextContent);
    }

    [Fact]
    public void IngressesPage_ListsHostsAndBackends()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<Ingresses>();

        var row = Assert.Single(cut.FindAll("[data-testid=ingress-row]"));
        Assert.Contains("docs.example.com", row.TextContent);
        Assert.Contains("web:80", row.TextContent);
    }

    [Fact]
    public void NamespaceDetail_ShowsCountsItsPoliciesAndAdminPoliciesReachingIt()
    {
        Publish(Make.Snapshot(1, Objects));

        var shop = RenderPage<NamespaceDetail>(parameters: p => p.Add(x => x.Name, "shop"));

        Assert.Equal("1", shop.Find("[data-testid=count-pods] h4").TextContent);
        Assert.Equal(["allow-web", "default-deny"], shop.FindAll("[data-testid=namespace-policy] a").Select(a => a.TextContent));
        var admin = shop.FindAll("[data-testid=namespace-admin-policy]").Select(e => e.TextContent).ToList();
        Assert.Equal(2, admin.Count); // the two baseline policies select every namespace; the ANP only kube-system
        Assert.DoesNotContain(admin, a => a.Contains("protect-kube-system", StringComparison.Ordinal));
    }

    [Fact]
    public void NetworkPolicyDetail_ShowsSubjectDirectionsRulesAndYaml()
    {
        var policy = Make.Policy("shop", "allow-redis", LabelSelector.Of(("role", "db")), ingress:
        [
            new NetworkPolicyRule(
                [new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null),
                 new NetworkPolicyPeer(LabelSelector.Everything, LabelSelector.Of(("team", "ops")), null)],
                [new NetworkPolicyPort(null, IntOrString.Of(6379), null)]),
        ]);
        Publish(Make.Snapshot(1, Make.Namespace("shop"), policy));

        var cut = RenderPage<NetworkPolicyDetail>(parameters: p => p.Add(x => x.Namespace, "shop").Add(x => x.Name, "allow-redis"));

        Assert.Equal("pods role=db in shop", cut.Find("[data-testid=policy-subject]").TextContent);
        Assert.StartsWith("Ingress", cut.Find("[data-testid=policy-types]").TextContent.Trim());
        Assert.Contains("omitted", cut.Find("[data-testid=policy-types]").TextContent);
        var rule = cut.Find("[data-testid=ingress-rules] [data-testid=policy-rule]").TextContent;
        Assert.Contains("pods k8s-app=guestbook in the policy's namespace", rule);
        Assert.Contains("pods (all) in namespaces team=ops", rule);
        Assert.Contains("TCP 6379", rule);

        cut.Find("[data-testid=yaml-load]").Click();
        cut.WaitForAssertion(() => Assert.Contains("kind: NetworkPolicy", cut.Find("[data-testid=yaml]").TextContent), Wait);
    }

    [Fact]
    public void AdminPolicyDetail_ShowsTierPriorityAndOrderedRulesWithActions()
    {
        var anp = Make.Admin(AdminPolicyKind.AdminNetworkPolicy, "cluster-control", new AdminSubject(LabelSelector.Everything, null), priority: 20,
            ingress:
            [
                new AdminRule("pass-monitoring", "Pass", [new AdminPeer(LabelSelector.Of(("team", "monitoring")), null, null, null)], null),
                new AdminRule("deny-rest", "Deny", [new AdminPeer(LabelSelector.Everything, null, null, null)], ImmutableArray.Create<AdminPort>(new AdminPort.Number("TCP", 22))),
            ]);
        Publish(Make.Snapshot(1, anp));

        var cut = RenderPage<AdminPolicyDetail>(parameters: p => p.Add(x => x.KindSlug, "adminnetworkpolicy").Add(x => x.Name, "cluster-control"));

        var rules = cut.FindAll("[data-testid=ingress-rules] [data-testid=policy-rule]").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rules.Count);
        Assert.Contains("Pass", rules[0]);
        Assert.Contains("namespaces team=monitoring", rules[0]);
        Assert.Contains("Deny", rules[1]);
        Assert.Contains("TCP 22", rules[1]);
        Assert.Contains("20", cut.Find("[data-testid=policy-spec]").TextContent);
    }
}
