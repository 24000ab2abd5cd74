using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Tests.Convert;

public sealed class PodConverterTests
{
    private static V1Pod Pod(Action<V1Pod>? configure = null)
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web-7d4b9c-x2x", NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec
            {
                NodeName = "node-1",
                Containers =
                [
                    new V1Container
                    {
                        Name = "main",
                        Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }, new V1ContainerPort { Name = "dns", ContainerPort = 53, Protocol = "UDP" }],
                    },
                ],
            },
            Status = new V1PodStatus
            {
                Phase = "Running",
                PodIP = "10.0.0.5",
                PodIPs = [new V1PodIP { Ip = "10.0.0.5" }, new V1PodIP { Ip = "fd00::5" }],
                ContainerStatuses = [new V1ContainerStatus { Name = "main", RestartCount = 2 }, new V1ContainerStatus { Name = "side", RestartCount = 1 }],
            },
        };
        configure?.Invoke(pod);
        return pod;
    }

    [Fact]
    public void ToModel_DualStackPod_TakesAllIpsFromPodIps()
    {
        var model = PodConverter.ToModel(Pod());

        Assert.Equal(["10.0.0.5", "fd00::5"], model.Ips);
    }

    [Fact]
    public void ToModel_OnlyPodIp_UsesIt()
    {
        var model = PodConverter.ToModel(Pod(p => p.Status.PodIPs = null));

        Assert.Equal(["10.0.0.5"], model.Ips);
    }

    [Fact]
    public void ToModel_NoStatus_HasNoIpAndIsPending()
    {
        var model = PodConverter.ToModel(Pod(p => p.Status = null));

        Assert.False(model.HasIp);
        Assert.Equal("Pending", model.Phase);
    }

    [Fact]
    public void ToModel_NamedPorts_KeepNameAndProtocolDefaultingToTcp()
    {
        var model = PodConverter.ToModel(Pod());

        Assert.Equal(
            [new ContainerPort("http", 8080, Protocol.TCP, "main"), new ContainerPort("dns", 53, Protocol.UDP, "main")],
            model.Ports);
    }

    [Fact]
    public void ToModel_Pod_CarriesPlacementPhaseRestartsAndLabels()
    {
        var model = PodConverter.ToModel(Pod(p => p.Spec.HostNetwork = true));

        Assert.True(model.HostNetwork);
        Assert.Equal("node-1", model.NodeName);
        Assert.Equal("Running", model.Phase);
        Assert.Equal(3, model.Restarts);
        Assert.Equal(new ObjectKey("shop", "web-7d4b9c-x2x"), model.Key);
        Assert.Equal("web", model.Labels["app"]);
    }

    [Fact]
    public void ToModel_SidecarInitContainer_PortsCountButPlainInitContainersDoNot()
    {
        var model = PodConverter.ToModel(Pod(p => p.Spec.InitContainers =
        [
            new V1Container { Name = "proxy", RestartPolicy = "Always", Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = 9090 }] },
            new V1Container { Name = "setup", Ports = [new V1ContainerPort { Name = "tmp", ContainerPort = 7000 }] },
        ]));

        Assert.Contains(model.Ports, p => p.Name == "metrics");
        Assert.DoesNotContain(model.Ports, p => p.Name == "tmp");
    }

    [Fact]
    public void Owner_ReplicaSetWithTemplateHash_IsTheDeployment()
    {
        var owner = PodConverter.Owner(
            [new V1OwnerReference { Kind = "ReplicaSet", Name = "frontend-5c7f8d9b4", Controller = true }],
            Labels.Of(("pod-template-hash", "5c7f8d9b4")));

        Assert.Equal(new WorkloadRef("Deployment", "frontend"), owner);
    }

    [Fact]
    public void Owner_ReplicaSetWithoutMatchingHash_StaysReplicaSet()
    {
        var owner = PodConverter.Owner(
            [new V1OwnerReference { Kind = "ReplicaSet", Name = "standalone", Controller = true }],
            Labels.Of(("pod-template-hash", "abc")));

        Assert.Equal(new WorkloadRef("ReplicaSet", "standalone"), owner);
    }

    [Theory]
    [InlineData("StatefulSet", "redis")]
    [InlineData("DaemonSet", "fluentd")]
    [InlineData("Job", "migrate")]
    public void Owner_DirectController_IsThatWorkload(string kind, string name)
    {
        var owner = PodConverter.Owner([new V1OwnerReference { Kind = kind, Name = name, Controller = true }], Labels.Empty);

        Assert.Equal(new WorkloadRef(kind, name), owner);
    }

    [Fact]
    public void Owner_SeveralReferences_PrefersTheController()
    {
        var owner = PodConverter.Owner(
            [new V1OwnerReference { Kind = "ConfigMap", Name = "x" }, new V1OwnerReference { Kind = "StatefulSet", Name = "db", Controller = true }],
            Labels.Empty);

        Assert.Equal(new WorkloadRef("StatefulSet", "db"), owner);
    }

    [Fact]
    public void Owner_BarePod_IsNull()
    {
        Assert.Null(PodConverter.Owner(null, Labels.Empty));
        Assert.Null(PodConverter.Owner([], Labels.Empty));
    }
}
