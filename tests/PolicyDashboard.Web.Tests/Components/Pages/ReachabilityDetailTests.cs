using Bunit;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class ReachabilityDetailTests : DashboardTestContext
{
    [Fact]
    public void PodDetail_RedisMasterUnderAllowRedis_IsolatedForIngressAndOnlyGuestbookReachesIt()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master-0"));

        Assert.Equal("isolated for ingress", cut.Find("[data-testid=isolation-ingress]").TextContent.Trim());
        Assert.Equal("not isolated for egress", cut.Find("[data-testid=isolation-egress]").TextContent.Trim());
        var policy = Assert.Single(cut.FindAll("[data-testid=pod-policy]"));
        Assert.Contains("default/allow-redis", policy.TextContent);
        Assert.Contains("isolates it for ingress", policy.TextContent);
        Assert.Equal("networkpolicies/default/allow-redis", policy.QuerySelector("a")!.GetAttribute("href"));

        var sources = cut.FindAll("[data-testid=sources] [data-testid=peer-group]");
        var frontend = Assert.Single(sources);
        Assert.Equal("Deployment/frontend", frontend.QuerySelector("[data-testid=peer-workload]")!.TextContent.Trim());
        Assert.Equal("all ports", frontend.QuerySelector("[data-testid=peer-ports]")!.TextContent.Trim());
        Assert.Contains(">2<", frontend.InnerHtml.Replace(" ", ""));
        // The explanation: the tester, deep-linked to one pod of the group and the port redis-master declares.
        Assert.Equal("tester?source=pod&from=default%2Ffrontend-a&dest=pod&to=default%2Fredis-master-0&port=6379",
            frontend.QuerySelector("[data-testid=explain]")!.GetAttribute("href"));
    }

    [Fact]
    public void PodDetail_NoPolicy_EveryOtherPodReachesItAndItReachesEveryOtherPod()
    {
        Publish(Guestbook.Open());

        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master-0"));

        Assert.Equal("not isolated for ingress", cut.Find("[data-testid=isolation-ingress]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=pod-policy]"));
        var sources = cut.FindAll("[data-testid=sources] [data-testid=peer-workload]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Deployment/frontend", "Deployment/redis-slave"], sources);
        var destinations = cut.FindAll("[data-testid=destinations] [data-testid=peer-workload]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Deployment/frontend", "Deployment/redis-slave"], destinations);
    }

    [Fact]
    public void PodDetail_AllowRedisApplied_RedisSlaveLosesAccessWithoutReload()
    {
        Publish(Guestbook.Open());
        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master-0"));
        Assert.Equal(2, cut.FindAll("[data-testid=sources] [data-testid=peer-group]").Count);

        Publish(Guestbook.WithAllowRedis());

        cut.WaitForAssertion(() =>
        {
            var sources = cut.FindAll("[data-testid=sources] [data-testid=peer-workload]").Select(e => e.TextContent.Trim()).ToList();
            Assert.Equal(["Deployment/frontend"], sources);
        }, Wait);
        Assert.Equal("isolated for ingress", cut.Find("[data-testid=isolation-ingress]").TextContent.Trim());
    }

    [Fact]
    public void PodDetail_EgressRestrictedToOnePort_ListsDestinationWithThatPort()
    {
        var egressOnly = Make.Policy("default", "frontend-egress", LabelSelector.Of(("tier", "frontend")), [PolicyType.Egress],
            egress: [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("role", "db")), null, null)], [new NetworkPolicyPort(null, IntOrString.Of(6379), null)])]);
        Publish(Guestbook.Open().With(2, egressOnly));

        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "frontend-a"));

        Assert.Equal("isolated for egress", cut.Find("[data-testid=isolation-egress]").TextContent.Trim());
        var destination = Assert.Single(cut.FindAll("[data-testid=destinations] [data-testid=peer-group]"));
        Assert.Equal("Deployment/redis-master", destination.QuerySelector("[data-testid=peer-workload]")!.TextContent.Trim());
        Assert.Equal("6379/TCP", destination.QuerySelector("[data-testid=peer-ports]")!.TextContent.Trim());
    }

    [Fact]
    public void NetworkPolicyDetail_AllowRedis_ReadsInWordsAndListsSelectedPodsLive()
    {
        var snapshot = Guestbook.WithAllowRedis();
        Publish(snapshot);

        var cut = RenderPage<NetworkPolicyDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "allow-redis"));

        var sentences = cut.FindAll("[data-testid=policy-sentence]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Selects pods with role=db in default", "isolated for Ingress", "allows from pods with k8s-app=guestbook in default, on all ports"], sentences);
        Assert.Contains("policyTypes is not set", cut.Find("[data-testid=policy-defaulting]").TextContent);
        Assert.Equal(["default/redis-master-0"], cut.FindAll("[data-testid=selected-pod]").Select(e => e.TextContent.Trim()));

        Publish(snapshot.With(3, Make.Pod("default", "redis-master-1", "app=redis,role=db", "10.244.0.21", Guestbook.RedisMaster)));

        cut.WaitForAssertion(() => Assert.Equal(["default/redis-master-0", "default/redis-master-1"],
            cut.FindAll("[data-testid=selected-pod]").Select(e => e.TextContent.Trim())), Wait);
    }

    [Fact]
    public void AdminPolicyDetail_Anp_ReadsInWordsAndListsItsSubjects()
    {
        var anp = Make.Admin(AdminPolicyKind.AdminNetworkPolicy, "deny-slave", new AdminSubject(null,
                new NamespacedPodSelector(LabelSelector.Everything, LabelSelector.Of(("role", "replica")))), priority: 20,
            ingress: [new AdminRule("no-frontend", "Deny", [new AdminPeer(null, new NamespacedPodSelector(LabelSelector.Everything, LabelSelector.Of(("tier", "frontend"))), null, null)], null)]);
        Publish(Guestbook.Open().With(2, anp));

        var cut = RenderPage<AdminPolicyDetail>(parameters: p => p.Add(x => x.KindSlug, "adminnetworkpolicy").Add(x => x.Name, "deny-slave"));

        var sentences = cut.FindAll("[data-testid=policy-sentence]").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal("Applies to pods with role=replica in all namespaces", sentences[0]);
        Assert.StartsWith("Admin tier, priority 20", sentences[1]);
        Assert.Equal("ingress[0] \"no-frontend\": Deny from pods with tier=frontend in all namespaces, on all ports", sentences[2]);
        Assert.Equal(["default/redis-slave-0"], cut.FindAll("[data-testid=selected-pod]").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public void ServiceDetail_RedisMasterUnderAllowRedis_OnlyFrontendReachesItsPort()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<ServiceDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master"));

        var port = Assert.Single(cut.FindAll("[data-testid=service-port-reach]"));
        Assert.Equal("6379", port.GetAttribute("data-port"));
        var source = Assert.Single(port.QuerySelectorAll("[data-testid=service-source]"));
        Assert.Equal("Deployment/frontend", source.QuerySelector("[data-testid=service-source-workload]")!.TextContent.Trim());
        Assert.Equal("all", source.QuerySelector("[data-testid=service-source-coverage]")!.TextContent.Trim());
        Assert.Equal("tester?source=pod&from=default%2Ffrontend-a&dest=service&to=default%2Fredis-master&port=6379",
            source.QuerySelector("[data-testid=explain]")!.GetAttribute("href"));
    }

    [Fact]
    public void ServiceDetail_NamedTargetPortOpenOnOnePodOnly_SourcesReachSomeBackingPods()
    {
        // frontend-b declares "http" on 9090; a policy opens only 80 on the frontend pods, so through the service's
        // "http" target port the redis pods reach frontend-a (80) but not frontend-b (9090).
        var snapshot = Guestbook.Open().With(2,
            Make.Pod("default", "frontend-b", "app=guestbook,tier=frontend,k8s-app=guestbook", "10.244.0.12", Guestbook.Frontend, ports: Make.Port("http", 9090)),
            Make.Policy("default", "frontend-80", LabelSelector.Of(("tier", "frontend")),
                ingress: [new NetworkPolicyRule([], [new NetworkPolicyPort(null, IntOrString.Of(80), null)])]));
        Publish(snapshot);

        var cut = RenderPage<ServiceDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "frontend"));

        var rows = cut.FindAll("[data-testid=service-source]").ToDictionary(
            r => r.QuerySelector("[data-testid=service-source-workload]")!.TextContent.Trim(),
            r => r.QuerySelector("[data-testid=service-source-coverage]")!.TextContent.Trim());
        Assert.Equal("1 of 2", rows["Deployment/redis-master"]);
        Assert.Equal("1 of 2", rows["Deployment/redis-slave"]);
    }
}
