using Bunit;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Components.Pages;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Pages;

public sealed class DetailPageTests : DashboardTestContext
{
    private static readonly WorkloadRef Frontend = new("Deployment", "frontend");

    // Two frontend pods declare the named port "http" on different numbers: the service's targetPort "http"
    // must resolve per pod.
    private static readonly object[] Objects =
    [
        Make.Namespace("default"),
        Make.Node("node-1", "192.168.0.10"),
        Make.Pod("default", "frontend-a", "app=guestbook,tier=frontend", "10.0.0.11", Frontend, ports: Make.Port("http", 8080)),
        Make.Pod("default", "frontend-b", "app=guestbook,tier=frontend", "10.0.0.12", Frontend, ports: Make.Port("http", 9090)),
        Make.Pod("default", "frontend-udp", "app=guestbook,tier=frontend", "10.0.0.13", Frontend, ports: Make.Port("http", 8080, Protocol.UDP)),
        Make.Pod("default", "redis-master-0", "app=redis,role=db", "10.0.0.20", ports: Make.Port("redis", 6379)),
        Make.Service("default", "frontend", "app=guestbook,tier=frontend", Make.ServicePort(80, IntOrString.Of("http"), "web")),
        Make.Service("default", "redis-master", "app=redis", Make.ServicePort(6379, IntOrString.Of(6379))),
        Make.Service("default", "external-db", null, Make.ServicePort(5432, IntOrString.Of(5432))),
    ];

    [Fact]
    public void PodDetail_ShowsServicesSelectingItWorkloadAndNode()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "frontend-b"));

        var services = cut.FindAll("[data-testid=pod-service]");
        var service = Assert.Single(services);
        Assert.Contains("frontend", service.TextContent);
        Assert.Contains("80/TCP → 9090", service.TextContent);
        Assert.Equal("services/default/frontend", service.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Deployment/frontend", cut.Find("[data-testid=pod-owner]").TextContent);
        Assert.Contains("3 pods", cut.Find("[data-testid=pod-owner]").TextContent);
        Assert.Contains("node-1", cut.Find("[data-testid=pod-node]").TextContent);
        Assert.Contains("192.168.0.10", cut.Find("[data-testid=pod-node]").TextContent);
        Assert.Contains("tier=frontend", cut.Find("[data-testid=labels]").TextContent);
    }

    [Fact]
    public void ServiceDetail_NamedTargetPort_ResolvesOnEachBackingPod()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<ServiceDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "frontend"));

        var rows = cut.FindAll("[data-testid=backing-pod]")
            .ToDictionary(r => r.QuerySelector("[data-testid=backing-pod-name]")!.TextContent, r => r.QuerySelector("[data-testid=target-port]")!.TextContent.Trim());
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("8080", rows["frontend-a"]);
        Assert.StartsWith("9090", rows["frontend-b"]);
        // The endpoints controller matches the named port only with the service port's protocol.
        Assert.Contains("is not TCP", rows["frontend-udp"]);
        Assert.DoesNotContain(cut.FindAll("[data-testid=backing-pod-name]"), e => e.TextContent == "redis-master-0");
    }

    [Fact]
    public void ServiceDetail_PodAddedToCluster_AppearsAsBackingPodWithoutRenderCall()
    {
        var first = Make.Snapshot(1, Objects);
        Publish(first);
        var cut = RenderPage<ServiceDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master"));
        Assert.Single(cut.FindAll("[data-testid=backing-pod]"));

        Publish(first.With(2, Make.Pod("default", "redis-master-1", "app=redis", "10.0.0.21", ports: Make.Port("redis", 6379))));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=backing-pod]").Count), Wait);
    }

    [Fact]
    public void ServiceDetail_WithoutSelector_SelectsNoPods()
    {
        Publish(Make.Snapshot(1, Objects));

        var cut = RenderPage<ServiceDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "external-db"));

        Assert.Empty(cut.FindAll("[data-testid=backing-pod]"));
        Assert.Contains("managed outside Kubernetes", cut.Find("[data-testid=summary]").TextContent);
    }

    [Fact]
    public void PodDetail_PodDeleted_SaysItIsGone()
    {
        var first = Make.Snapshot(1, Objects);
        Publish(first);
        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master-0"));

        Publish(first with { Version = 2, Pods = first.Pods.Remove(new ObjectKey("default", "redis-master-0")) });

        cut.WaitForAssertion(() => Assert.Contains("may have been deleted", cut.Find("[data-testid=not-found]").TextContent), Wait);
    }

    [Fact]
    public void Yaml_ReadOnlyWhenAsked_ThenShown()
    {
        Publish(Make.Snapshot(1, Objects));
        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master-0"));
        Assert.Empty(Reader.Reads);

        cut.Find("[data-testid=yaml-load]").Click();

        cut.WaitForAssertion(() => Assert.Contains("name: redis-master-0", cut.Find("[data-testid=yaml]").TextContent), Wait);
        Assert.Equal([("Pod", (string?)"default", "redis-master-0")], Reader.Reads);
    }

    [Fact]
    public void Yaml_ReaderFails_ShowsErrorAndPageKeepsWorking()
    {
        Publish(Make.Snapshot(1, Objects));
        Reader.Failure = new HttpRequestException("connection refused");
        var cut = RenderPage<PodDetail>(parameters: p => p.Add(x => x.Namespace, "default").Add(x => x.Name, "redis-master-0"));

        cut.Find("[data-testid=yaml-load]").Click();

        cut.WaitForAssertion(() => Assert.Contains("connection refused", cut.Find("[data-testid=yaml-error]").TextContent), Wait);
        Assert.NotNull(cut.Find("[data-testid=pod-services]"));
    }
}
