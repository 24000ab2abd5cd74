using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Inventory;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Components.Inventory;

public sealed class ServiceRelationsTests
{
    private static readonly PodInfo Web = Make.Pod("default", "web-1", "app=web,tier=frontend", ports: [Make.Port("http", 8080), Make.Port("dns", 53, Protocol.UDP)]);

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app=web,tier=frontend", true)]
    [InlineData("app=web,tier=db", false)]
    [InlineData("app=api", false)]
    public void Selects_EveryKeyMustMatch(string selector, bool expected) =>
        Assert.Equal(expected, ServiceRelations.Selects(Make.Service("default", "s", selector), Web));

    [Fact]
    public void Selects_ServiceWithoutSelector_SelectsNothing()
    {
        Assert.False(ServiceRelations.Selects(Make.Service("default", "s", null), Web));
        Assert.False(ServiceRelations.Selects(Make.Service("default", "s", ""), Web));
    }

    [Fact]
    public void Selects_OtherNamespace_IsNeverSelected() =>
        Assert.False(ServiceRelations.Selects(Make.Service("shop", "s", "app=web"), Web));

    [Fact]
    public void ResolveTargetPort_Number_IsUsedAsIs() =>
        Assert.Equal(9000, ServiceRelations.ResolveTargetPort(Make.ServicePort(80, IntOrString.Of(9000)), Web).Port);

    [Fact]
    public void ResolveTargetPort_Omitted_DefaultsToThePort() =>
        Assert.Equal(80, ServiceRelations.ResolveTargetPort(Make.ServicePort(80, default), Web).Port);

    [Fact]
    public void ResolveTargetPort_Named_LooksUpContainerPortWithSameProtocol()
    {
        var r = ServiceRelations.ResolveTargetPort(Make.ServicePort(80, IntOrString.Of("http")), Web);

        Assert.Equal(8080, r.Port);
        Assert.Equal("main", r.Container);
    }

    [Fact]
    public void ResolveTargetPort_NamedButOtherProtocol_DoesNotResolve()
    {
        var r = ServiceRelations.ResolveTargetPort(Make.ServicePort(53, IntOrString.Of("dns"), protocol: Protocol.TCP), Web);

        Assert.False(r.Resolved);
        Assert.Contains("is not TCP", r.Problem);
    }

    [Fact]
    public void ResolveTargetPort_UnknownName_SaysSo()
    {
        var r = ServiceRelations.ResolveTargetPort(Make.ServicePort(80, IntOrString.Of("metrics")), Web);

        Assert.Null(r.Port);
        Assert.Contains("no container port named \"metrics\"", r.Problem);
    }

    [Fact]
    public void BackingPods_MarksPodsThatCannotBeEndpoints()
    {
        var snapshot = Make.Snapshot(1, Web,
            Make.Pod("default", "web-done", "app=web", phase: "Succeeded"),
            Make.Pod("default", "web-new", "app=web", ip: null, phase: "Pending"));

        var pods = ServiceRelations.BackingPods(snapshot, Make.Service("default", "web", "app=web", Make.ServicePort(80, IntOrString.Of("http"))))
            .ToDictionary(b => b.Pod.Name);

        Assert.Null(pods["web-1"].NotAnEndpointBecause);
        Assert.Contains("terminated", pods["web-done"].NotAnEndpointBecause);
        Assert.Contains("no IP", pods["web-new"].NotAnEndpointBecause);
    }

    [Fact]
    public void ServicesSelecting_ReturnsMatchingServicesOfThePodsNamespace()
    {
        var snapshot = Make.Snapshot(1, Web,
            Make.Service("default", "web", "app=web"), Make.Service("default", "frontend", "tier=frontend"),
            Make.Service("default", "db", "app=db"), Make.Service("shop", "web", "app=web"));

        Assert.Equal(["frontend", "web"], ServiceRelations.ServicesSelecting(snapshot, Web).Select(s => s.Name));
    }

    [Fact]
    public void IngressBackends_ResolveServiceAndPortByNumberOrName()
    {
        var snapshot = Make.Snapshot(1, Make.Service("default", "web", "app=web", Make.ServicePort(80, IntOrString.Of(8080), "http")));
        var ingress = Make.Ingress("default", "i",
            new IngressRouteInfo("a", "/", "Prefix", "web", IntOrString.Of(80)),
            new IngressRouteInfo("b", "/", "Prefix", "web", IntOrString.Of("http")),
            new IngressRouteInfo("c", "/", "Prefix", "web", IntOrString.Of(81)),
            new IngressRouteInfo("d", "/", "Prefix", "gone", IntOrString.Of(80)));

        var backends = IngressRelations.Backends(snapshot, ingress);

        Assert.Null(backends[0].Problem);
        Assert.Null(backends[1].Problem);
        Assert.Contains("has no port 81", backends[2].Problem);
        Assert.Contains("does not exist", backends[3].Problem);
    }
}
