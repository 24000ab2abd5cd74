using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class TesterPageTests : DashboardTestContext
{
    private const string BusyboxToRedisMaster =
        "tester?source=hypothetical&ns=default&name=busybox&labels=run%3Dbusybox&dest=service&to=default%2Fredis-master&port=6379";

    private static string Ingress(AngleSharp.Dom.IElement row) => row.QuerySelector("[data-testid=verdict-ingress]")!.TextContent;

    [Fact]
    public void Tester_HypotheticalBusyboxToRedisMasterUnderAllowRedis_DeniedAndExplainedByAllowRedis()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>(BusyboxToRedisMaster);

        var row = Assert.Single(cut.FindAll("[data-testid=tester-row]"));
        Assert.Equal("false", row.GetAttribute("data-allowed"));
        Assert.Equal("default/redis-master-0", row.QuerySelector("[data-testid=tester-row-destination]")!.TextContent.Trim());
        Assert.Equal("redis 6379/TCP → 6379/TCP", row.QuerySelector("[data-testid=tester-row-port]")!.TextContent.Trim());
        Assert.Equal("denied", row.QuerySelector("[data-testid=verdict-answer]")!.TextContent.Trim());
        Assert.Contains("no rule of its policies matched", Ingress(row));
        Assert.Equal("networkpolicies/default/allow-redis", row.QuerySelector("[data-testid=verdict-ingress] [data-testid=trail-policy]")!.GetAttribute("href"));
        Assert.Contains("no ipBlock matches it as a source", cut.Find("[data-testid=tester-note]").TextContent);
    }

    [Fact]
    public void Tester_HypotheticalBusybox_AllowedBeforeAllowRedisAndDeniedAfterWithoutReload()
    {
        Publish(Guestbook.Open());
        var cut = RenderPage<TesterPage>(BusyboxToRedisMaster);
        Assert.Equal("true", Assert.Single(cut.FindAll("[data-testid=tester-row]")).GetAttribute("data-allowed"));
        Assert.Contains("no NetworkPolicy isolates the pod", Ingress(cut.Find("[data-testid=tester-row]")));

        Publish(Guestbook.WithAllowRedis());

        cut.WaitForAssertion(() => Assert.Equal("false", Assert.Single(cut.FindAll("[data-testid=tester-row]")).GetAttribute("data-allowed")), Wait);
        Assert.Contains("allow-redis", Ingress(cut.Find("[data-testid=tester-row]")));
    }

    [Fact]
    public void Tester_FrontendPodToRedisMasterService_AllowedByAllowRedisRule()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>("tester?source=pod&from=default%2Ffrontend-a&dest=service&to=default%2Fredis-master&port=6379");

        var row = Assert.Single(cut.FindAll("[data-testid=tester-row]"));
        Assert.Equal("true", row.GetAttribute("data-allowed"));
        var ingress = Ingress(row);
        Assert.Contains("NetworkPolicy default/allow-redis", ingress);
        Assert.Contains("ingress[0].from[0]", ingress);
        Assert.Empty(cut.FindAll("[data-testid=tester-note]"));
    }

    [Fact]
    public void Tester_HypotheticalPodWithGuestbookLabel_AllowedLikeTheFrontend()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>("tester?source=hypothetical&ns=default&name=debug&labels=k8s-app%3Dguestbook&dest=pod&to=default%2Fredis-master-0&port=6379");

        var row = Assert.Single(cut.FindAll("[data-testid=tester-row]"));
        Assert.Equal("true", row.GetAttribute("data-allowed"));
        Assert.Contains("default/debug", row.QuerySelector("[data-testid=verdict]")!.TextContent);
    }

    [Fact]
    public void Tester_HypotheticalPodInOtherNamespace_DeniedBecausePodSelectorPeerIsPolicyNamespaceOnly()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>("tester?source=hypothetical&ns=team-doc&name=busybox&labels=k8s-app%3Dguestbook&dest=pod&to=default%2Fredis-master-0&port=6379");

        Assert.Equal("false", Assert.Single(cut.FindAll("[data-testid=tester-row]")).GetAttribute("data-allowed"));
    }

    [Fact]
    public void Tester_HypotheticalSource_NoIpBlockMatchesItWhileAPodWithAnIpMatches()
    {
        var fromCluster = Make.Policy("default", "from-pod-network", LabelSelector.Of(("role", "db")),
            ingress: [new NetworkPolicyRule([new NetworkPolicyPeer(null, null, new IpBlock("10.244.0.0/16", []))], [])]);
        Publish(Guestbook.Open().With(2, fromCluster));

        var hypothetical = RenderPage<TesterPage>("tester?source=hypothetical&ns=default&name=busybox&labels=run%3Dbusybox&dest=pod&to=default%2Fredis-master-0&port=6379");
        Assert.Equal("false", Assert.Single(hypothetical.FindAll("[data-testid=tester-row]")).GetAttribute("data-allowed"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("tester?source=pod&from=default%2Fredis-slave-0&dest=pod&to=default%2Fredis-master-0&port=6379");
        var existing = Render<TesterPage>();
        Assert.Equal("true", Assert.Single(existing.FindAll("[data-testid=tester-row]")).GetAttribute("data-allowed"));
    }

    [Fact]
    public void Tester_HypotheticalPod_LeavesTheSharedResultUnchanged()
    {
        var published = Analysis.Publish(Guestbook.WithAllowRedis());
        Cluster.Publish(published.Snapshot);

        RenderPage<TesterPage>(BusyboxToRedisMaster);

        Assert.Same(published, Analysis.Current);
        Assert.Equal(4, Analysis.Current.Snapshot.Pods.Count);
        Assert.Equal(-1, Analysis.Current.IndexOf(new ObjectKey("default", "busybox")));
    }

    [Fact]
    public void Tester_ServicePortWithNamedTargetPort_ResolvesOnEachBackingPod()
    {
        // frontend-b declares "http" on 9090: the service's targetPort "http" lands on 80 on one pod and 9090 on the other.
        Publish(Guestbook.Open().With(2,
            Make.Pod("default", "frontend-b", "app=guestbook,tier=frontend,k8s-app=guestbook", "10.244.0.12", Guestbook.Frontend, ports: Make.Port("http", 9090)),
            Make.Policy("default", "frontend-80", LabelSelector.Of(("tier", "frontend")),
                ingress: [new NetworkPolicyRule([], [new NetworkPolicyPort(null, IntOrString.Of(80), null)])])));

        var cut = RenderPage<TesterPage>("tester?source=pod&from=default%2Fredis-slave-0&dest=service&to=default%2Ffrontend&port=web");

        var rows = cut.FindAll("[data-testid=tester-row]").ToDictionary(
            r => r.QuerySelector("[data-testid=tester-row-destination]")!.TextContent.Trim(),
            r => (Port: r.QuerySelector("[data-testid=tester-row-port]")!.TextContent.Trim(), Allowed: r.GetAttribute("data-allowed")));
        Assert.Equal(("web 80/TCP → 80/TCP", "true"), rows["default/frontend-a"]);
        Assert.Equal(("web 80/TCP → 9090/TCP", "false"), rows["default/frontend-b"]);
    }

    [Fact]
    public void Tester_PodNamedPort_ResolvesOnTheDestinationPod()
    {
        Publish(Guestbook.Open());

        var cut = RenderPage<TesterPage>("tester?source=pod&from=default%2Ffrontend-a&dest=pod&to=default%2Fredis-master-0&port=redis");

        var row = Assert.Single(cut.FindAll("[data-testid=tester-row]"));
        Assert.Equal("redis → 6379/TCP", row.QuerySelector("[data-testid=tester-row-port]")!.TextContent.Trim());
        Assert.Contains("on 6379/TCP", row.QuerySelector("[data-testid=verdict]")!.TextContent);
    }

    [Fact]
    public void Tester_ExternalIpUnderEgressPolicy_DeniedAtTheSource()
    {
        var onlyDns = Make.Policy("default", "frontend-egress", LabelSelector.Of(("tier", "frontend")), [PolicyType.Egress],
            egress: [new NetworkPolicyRule([], [new NetworkPolicyPort("UDP", IntOrString.Of(53), null)])]);
        Publish(Guestbook.Open().With(2, onlyDns));

        var cut = RenderPage<TesterPage>("tester?source=pod&from=default%2Ffrontend-a&dest=ip&to=203.0.113.7&port=443");

        var row = Assert.Single(cut.FindAll("[data-testid=tester-row]"));
        Assert.Equal("false", row.GetAttribute("data-allowed"));
        Assert.Contains("default/frontend-egress", row.QuerySelector("[data-testid=verdict-egress]")!.TextContent);
    }

    [Theory]
    [InlineData("tester?source=hypothetical&ns=default&name=busybox&labels=run%3D-bad-&dest=pod&to=default%2Fredis-master-0&port=6379", "field-labels", "label value \"-bad-\"")]
    [InlineData("tester?source=hypothetical&ns=default&name=busybox&labels=just-a-word&dest=pod&to=default%2Fredis-master-0&port=6379", "field-labels", "is not key=value")]
    [InlineData("tester?source=hypothetical&ns=Default_NS&name=busybox&labels=&dest=pod&to=default%2Fredis-master-0&port=6379", "field-ns", "RFC 1123 label")]
    [InlineData("tester?source=hypothetical&ns=default&name=frontend-a&labels=&dest=pod&to=default%2Fredis-master-0&port=6379", "field-name", "a pod default/frontend-a exists")]
    [InlineData("tester?source=pod&from=default%2Fnope&dest=pod&to=default%2Fredis-master-0&port=6379", "field-from", "no pod default/nope in the cluster")]
    [InlineData("tester?source=pod&from=frontend-a&dest=pod&to=default%2Fredis-master-0&port=6379", "field-from", "is not namespace/name")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=service&to=default%2Fnope&port=6379", "field-to", "no service default/nope in the cluster")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=ip&to=10.0.0.300&port=443", "field-to", "is not an IPv4 or IPv6 address")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=pod&to=default%2Fredis-master-0&port=70000", "field-port", "out of range")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=pod&to=default%2Fredis-master-0&port=0", "field-port", "out of range")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=pod&to=default%2Fredis-master-0&port=Not_A_Name", "field-port", "neither a port number")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=pod&to=default%2Fredis-master-0&port=metrics", "field-port", "no container port named \"metrics\"")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=service&to=default%2Fredis-master&port=6380", "field-port", "has no port 6380/TCP")]
    [InlineData("tester?source=pod&from=default%2Ffrontend-a&dest=ip&to=203.0.113.7&port=", "field-port", "enter a port number")]
    public void Tester_InvalidInput_ShowsMessageAtTheFieldAndNoAnswer(string uri, string field, string message)
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>(uri);

        Assert.Contains(message, cut.Find($"[data-testid={field}]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tester-row]"));
        Assert.NotNull(cut.Find("[data-testid=tester-invalid]"));
    }

    [Fact]
    public void Tester_FormWithBadLabelsThenCorrected_ShowsErrorThenAnswersAndLinksTheQuery()
    {
        Publish(Guestbook.WithAllowRedis());
        var cut = RenderPage<TesterPage>("tester?source=hypothetical&dest=service&to=default%2Fredis-master&port=6379");
        Assert.Single(cut.FindAll("[data-testid=tester-row]"));

        cut.Find("[data-testid=field-labels] input").Change("run=busy box");
        cut.Find("[data-testid=run]").Click();

        Assert.Contains("label value \"busy box\"", cut.Find("[data-testid=field-labels]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=tester-row]"));

        cut.Find("[data-testid=field-labels] input").Change("k8s-app=guestbook");
        cut.Find("[data-testid=run]").Click();

        cut.WaitForAssertion(() => Assert.Equal("true", Assert.Single(cut.FindAll("[data-testid=tester-row]")).GetAttribute("data-allowed")), Wait);
        Assert.DoesNotContain("label value", cut.Find("[data-testid=field-labels]").TextContent);
        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("labels=k8s-app%3Dguestbook", uri);
        Assert.Contains("to=default%2Fredis-master", uri);
    }

    [Fact]
    public void Tester_NoQuery_ShowsTheFormWithoutAnAnswer()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>("tester");

        Assert.NotNull(cut.Find("[data-testid=tester-form]"));
        Assert.Empty(cut.FindAll("[data-testid=tester-row]"));
        Assert.Empty(cut.FindAll("[data-testid=tester-invalid]"));
        Assert.Contains("source=hypothetical", cut.Find("[data-testid=example]").GetAttribute("href"));
    }

    [Fact]
    public void Tester_HypotheticalPodInUnknownNamespace_SaysOnlyTheNameLabelIsKnown()
    {
        Publish(Guestbook.WithAllowRedis());

        var cut = RenderPage<TesterPage>("tester?source=hypothetical&ns=nowhere&name=busybox&labels=&dest=pod&to=default%2Fredis-master-0&port=6379");

        Assert.Contains(cut.FindAll("[data-testid=tester-note]"), n => n.TextContent.Contains("Namespace nowhere does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tester_Disposed_EndsItsSubscriptionsToTheSharedResultAndTheCluster()
    {
        Publish(Guestbook.WithAllowRedis());
        var cut = RenderPage<TesterPage>(BusyboxToRedisMaster);
        cut.WaitForAssertion(() => Assert.Equal((1, 1), (Analysis.ActiveWatchers, Cluster.ActiveWatchers)), Wait);

        await DisposeComponentsAsync();

        // DisposeAsync cancels both loops and awaits them.
        Assert.Equal((0, 0), (Analysis.ActiveWatchers, Cluster.ActiveWatchers));
    }

    [Fact]
    public async Task ServiceDetail_TestFromBusyboxLink_AsksTheSeedQuestionForThisService()
    {
        Publish(Guestbook.WithAllowRedis());
        var service = RenderPage<ServiceDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master"));
        var href = service.Find("[data-testid=test-busybox]").GetAttribute("href")!;
        await DisposeComponentsAsync();

        var cut = RenderPage<TesterPage>(href);

        var row = Assert.Single(cut.FindAll("[data-testid=tester-row]"));
        Assert.Equal("false", row.GetAttribute("data-allowed"));
        Assert.Contains("default/busybox", row.QuerySelector("[data-testid=verdict]")!.TextContent);
    }
}
