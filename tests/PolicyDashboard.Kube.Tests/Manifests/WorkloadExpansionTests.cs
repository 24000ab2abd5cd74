using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

public sealed class WorkloadExpansionTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: frontend
          namespace: shop
          annotations:
            policy-dashboard.io/pod-ips: "10.0.0.1, 10.0.0.2"
        spec:
          replicas: 3
          selector: {matchLabels: {app: frontend}}
          template:
            metadata:
              labels: {app: frontend, tier: web}
            spec:
              containers:
              - name: web
                ports: [{name: http, containerPort: 8080}]
        """;

    [Fact]
    public void LoadText_Deployment_ExpandsToReplicasPodsOwnedByTheDeployment()
    {
        var result = ManifestLoader.LoadText(Deployment, "deploy.yaml");

        var pods = result.Snapshot.Pods.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p =>
        {
            Assert.Equal("shop", p.Namespace);
            Assert.Equal(new WorkloadRef("Deployment", "frontend"), p.Owner);
            Assert.Equal("web", p.Labels["tier"]);
            Assert.StartsWith("frontend-" + p.Labels["pod-template-hash"] + "-", p.Name, StringComparison.Ordinal);
            Assert.Equal(new ContainerPort("http", 8080, Protocol.TCP, "web"), Assert.Single(p.Ports));
        });
        Assert.Equal(3, pods.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void LoadText_DeploymentWithIpAnnotation_HandsIpsOutInOrderAndLeavesTheRestWithout()
    {
        var result = ManifestLoader.LoadText(Deployment, "deploy.yaml");

        var ips = result.Snapshot.Pods.Values.SelectMany(p => p.Ips).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["10.0.0.1", "10.0.0.2"], ips);
        Assert.Single(result.Snapshot.Pods.Values, p => !p.HasIp);
    }

    [Fact]
    public void LoadText_SameDeploymentTwice_GivesTheSamePodNames()
    {
        var first = ManifestLoader.LoadText(Deployment, "a.yaml").Snapshot.Pods.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal);
        var second = ManifestLoader.LoadText(Deployment, "b.yaml").Snapshot.Pods.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(first, second);
    }

    [Fact]
    public void LoadText_StatefulSet_NamesPodsByOrdinal()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              replicas: 2
              template: {metadata: {labels: {app: db}}, spec: {containers: [{name: pg}]}}
            """, "sts.yaml");

        Assert.Equal(["db-0", "db-1"], result.Snapshot.Pods.Keys.Select(k => k.Name).Order());
        Assert.All(result.Snapshot.Pods.Values, p => Assert.Equal(new WorkloadRef("StatefulSet", "db"), p.Owner));
    }

    [Fact]
    public void LoadText_DaemonSet_OnePodPerDeclaredNode()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec:
              template: {metadata: {labels: {app: agent}}, spec: {hostNetwork: true, containers: [{name: a}]}}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n2}
            """, "ds.yaml");

        var pods = result.Snapshot.Pods.Values.ToList();
        Assert.Equal(2, pods.Count);
        Assert.Equal(["n1", "n2"], pods.Select(p => p.NodeName!).Order(StringComparer.Ordinal));
        Assert.All(pods, p => Assert.True(p.HostNetwork));
    }

    [Fact]
    public void LoadText_WorkloadExpansionOff_SkipsWorkloadsAsUnknown()
    {
        var result = ManifestLoader.LoadText(Deployment, "deploy.yaml", new ManifestLoadOptions { ExpandWorkloads = false });

        Assert.Empty(result.Snapshot.Pods);
        Assert.Contains(result.Diagnostics, d => d.Severity == ManifestSeverity.Warning && d.Message.Contains("Deployment", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_DeploymentWithZeroReplicas_HasNoPods()
    {
        var result = ManifestLoader.LoadText(Deployment.Replace("replicas: 3", "replicas: 0", StringComparison.Ordinal), "deploy.yaml");

        Assert.Empty(result.Snapshot.Pods);
    }
}
