using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;
using IntOrString = PolicyDashboard.Core.Model.IntOrString;

namespace PolicyDashboard.Kube.Tests.Convert;

public sealed class InventoryConverterTests
{
    [Fact]
    public void ToModel_Namespace_GetsTheAutomaticNameLabel()
    {
        var model = InventoryConverter.ToModel(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team-doc", Labels = new Dictionary<string, string> { ["env"] = "prod" } } });

        Assert.Equal("team-doc", model.Labels["kubernetes.io/metadata.name"]);
        Assert.Equal("prod", model.Labels["env"]);
        Assert.Null(model.Meta.Namespace);
    }

    [Fact]
    public void ToModel_Node_KeepsIpAddressesInternalFirstAndSkipsHostnames()
    {
        var model = InventoryConverter.ToModel(new V1Node
        {
            Metadata = new V1ObjectMeta { Name = "node-1" },
            Status = new V1NodeStatus
            {
                Addresses =
                [
                    new V1NodeAddress { Type = "Hostname", Address = "node-1" },
                    new V1NodeAddress { Type = "ExternalIP", Address = "203.0.113.7" },
                    new V1NodeAddress { Type = "InternalIP", Address = "192.168.1.10" },
                ],
            },
        });

        Assert.Equal(["192.168.1.10", "203.0.113.7"], model.Ips);
    }

    [Fact]
    public void ToModel_Service_DefaultsTargetPortToPortAndDropsHeadlessNone()
    {
        var model = InventoryConverter.ToModel(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "redis-master", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = new Dictionary<string, string> { ["role"] = "db" },
                Ports = [new V1ServicePort { Name = "redis", Port = 6379 }, new V1ServicePort { Port = 80, TargetPort = "http", Protocol = "TCP" }],
            },
        });

        Assert.Equal("ClusterIP", model.Type);
        Assert.Empty(model.ClusterIps);
        Assert.Equal(Labels.Of(("role", "db")), model.Selector);
        Assert.Equal(IntOrString.Of(6379), model.Ports[0].TargetPort);
        Assert.Equal(IntOrString.Of("http"), model.Ports[1].TargetPort);
    }

    [Fact]
    public void ToModel_ServiceWithoutSelector_HasNullSelector()
    {
        var model = InventoryConverter.ToModel(new V1Service { Metadata = new V1ObjectMeta { Name = "ext", NamespaceProperty = "a" }, Spec = new V1ServiceSpec { Type = "ExternalName" } });

        Assert.Null(model.Selector);
        Assert.Equal("ExternalName", model.Type);
    }

    [Fact]
    public void ToModel_EndpointSlice_ReadyDefaultsToTrueAndTargetPodIsKeyed()
    {
        var model = InventoryConverter.ToModel(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "frontend-abc", NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "frontend" } },
            AddressType = "IPv4",
            Endpoints =
            [
                new V1Endpoint { Addresses = ["10.0.0.1"], TargetRef = new V1ObjectReference { Kind = "Pod", Name = "frontend-1" } },
                new V1Endpoint { Addresses = ["10.0.0.2"], Conditions = new V1EndpointConditions { Ready = false } },
            ],
            Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 80 }],
        });

        Assert.Equal("frontend", model.ServiceName);
        Assert.True(model.Endpoints[0].Ready);
        Assert.Equal(new ObjectKey("default", "frontend-1"), model.Endpoints[0].TargetPod);
        Assert.False(model.Endpoints[1].Ready);
        Assert.Null(model.Endpoints[1].TargetPod);
        Assert.Equal(80, model.Ports[0].Port);
    }

    [Fact]
    public void ToModel_Ingress_ListsDefaultBackendAndEveryPath()
    {
        var model = InventoryConverter.ToModel(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "simple", NamespaceProperty = "team-doc" },
            Spec = new V1IngressSpec
            {
                DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "fallback", Port = new V1ServiceBackendPort { Name = "http" } } },
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = "doc.example.com",
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "frontend", Port = new V1ServiceBackendPort { Number = 80 } } } }],
                        },
                    },
                ],
                Tls = [new V1IngressTLS { Hosts = ["doc.example.com"] }],
            },
        });

        Assert.Equal(
            [new IngressRouteInfo(null, null, null, "fallback", IntOrString.Of("http")), new IngressRouteInfo("doc.example.com", "/", "Prefix", "frontend", IntOrString.Of(80))],
            model.Routes);
        Assert.Equal(["doc.example.com"], model.TlsHosts);
    }
}
