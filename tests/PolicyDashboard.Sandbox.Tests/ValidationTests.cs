using System.Net;
using k8s;
using System.Text.Json.Nodes;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class ValidationTests : SandboxTestBase
{
    private async Task<JsonArray> CausesFor(V1NetworkPolicy policy)
    {
        var (code, status) = await FailureOf(() => Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, "default", cancellationToken: Timeout()));
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", Text(status["reason"]));
        Assert.Equal("NetworkPolicy", Text(status["details"]!["kind"]));
        return status["details"]!["causes"]!.AsArray();
    }

    private static void AssertCause(JsonArray causes, string field, string reason)
    {
        Assert.Contains(causes, c => Text(c!["field"]) == field && Text(c["reason"]) == reason);
    }

    [Fact]
    public async Task Create_BadCidr_Returns422NamingTheField()
    {
        var p = Policy("bad-cidr");
        p.Spec.Ingress[0].FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "10.0.0.0/33" } }];

        var causes = await CausesFor(p);

        AssertCause(causes, "spec.ingress[0].from[0].ipBlock.cidr", "FieldValueInvalid");
    }

    [Fact]
    public async Task Create_PortOutOfRange_Returns422()
    {
        var p = Policy("bad-port");
        p.Spec.Ingress[0].Ports = [new V1NetworkPolicyPort { Port = 70000 }];

        AssertCause(await CausesFor(p), "spec.ingress[0].ports[0].port", "FieldValueInvalid");
    }

    [Fact]
    public async Task Create_EndPortBelowPort_Returns422()
    {
        var p = Policy("bad-endport");
        p.Spec.Ingress[0].Ports = [new V1NetworkPolicyPort { Port = 8080, EndPort = 80 }];

        AssertCause(await CausesFor(p), "spec.ingress[0].ports[0].endPort", "FieldValueInvalid");
    }

    [Fact]
    public async Task Create_UnknownProtocol_Returns422NotSupported()
    {
        var p = Policy("bad-protocol");
        p.Spec.Ingress[0].Ports = [new V1NetworkPolicyPort { Protocol = "ICMP", Port = 80 }];

        AssertCause(await CausesFor(p), "spec.ingress[0].ports[0].protocol", "FieldValueNotSupported");
    }

    [Fact]
    public async Task Create_BadLabelKeyInSelector_Returns422()
    {
        var p = Policy("bad-key");
        p.Spec.PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["bad key!"] = "x" } };

        var causes = await CausesFor(p);

        Assert.Contains(causes, c => Text(c!["field"]).StartsWith("spec.podSelector.matchLabels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_SeveralProblems_ListsEveryCause()
    {
        var p = Policy("many");
        p.Spec.Ingress[0].Ports = [new V1NetworkPolicyPort { Protocol = "ICMP", Port = 0 }];
        p.Spec.Ingress[0].FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "nonsense" } }];

        var causes = await CausesFor(p);

        AssertCause(causes, "spec.ingress[0].ports[0].protocol", "FieldValueNotSupported");
        AssertCause(causes, "spec.ingress[0].ports[0].port", "FieldValueInvalid");
        AssertCause(causes, "spec.ingress[0].from[0].ipBlock.cidr", "FieldValueInvalid");
    }

    [Fact]
    public async Task Create_BadPodName_Returns422ForMetadataName()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "Not_Valid" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        };

        var (code, status) = await FailureOf(() => Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Timeout()));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains(status["details"]!["causes"]!.AsArray(), c => Text(c!["field"]) == "metadata.name");
    }

    [Fact]
    public async Task Create_BadLabelOnPod_Returns422ForLabels()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "labelled", Labels = new Dictionary<string, string> { ["ok"] = "not ok!" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
        };

        var (code, status) = await FailureOf(() => Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Timeout()));

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains(status["details"]!["causes"]!.AsArray(), c => Text(c!["field"]) == "metadata.labels");
    }

    [Fact]
    public async Task CreatePod_WithoutStatus_IsScheduledAndRunning()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "busybox", Labels = new Dictionary<string, string> { ["run"] = "busybox" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "busybox", Image = "busybox" }] },
        };

        var created = await Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Timeout());

        Assert.Equal("Running", created.Status.Phase);
        Assert.StartsWith("node-", created.Spec.NodeName, StringComparison.Ordinal);
        var node = await Client.CoreV1.ReadNodeAsync(created.Spec.NodeName, cancellationToken: Timeout());
        var cidr = System.Net.IPNetwork.Parse(node.Spec.PodCIDR);
        Assert.True(cidr.Contains(IPAddress.Parse(created.Status.PodIP)), $"{created.Status.PodIP} not in {node.Spec.PodCIDR}");
        Assert.True(created.Status.ContainerStatuses.Single().Ready);
    }
}
