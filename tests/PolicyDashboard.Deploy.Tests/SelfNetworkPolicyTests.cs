using System.Text;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Deploy.Tests;

/// <summary>
/// The dashboard's own NetworkPolicy, as rendered, analysed by the dashboard's engine against a small modeled
/// cluster: the ingress controller, two dashboard replicas (labelled like the Deployment's template), DNS and an
/// unrelated workload.
/// </summary>
public sealed class SelfNetworkPolicyTests
{
    private static (ReferenceEngine Engine, ClusterSnapshot Snapshot) Analyse(string overlay, string ingressNamespace)
    {
        var rendered = Kustomize.Render(overlay);
        var policyDocument = Assert.Single(rendered.Documents, d => d.Contains("kind: NetworkPolicy\n", StringComparison.Ordinal));
        var dashboardLabels = rendered.Single<V1Deployment>().Spec.Template.Metadata.Labels;

        var cluster = new StringBuilder();
        foreach (var ns in new[] { ingressNamespace, "policy-dashboard", "kube-system", "shop" })
            cluster.Append($"---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n  labels:\n    kubernetes.io/metadata.name: {ns}\n");
        Pod(cluster, ingressNamespace, "controller", new Dictionary<string, string> { ["app"] = "ingress-controller" }, "10.1.0.10");
        Pod(cluster, "policy-dashboard", "dashboard-a", dashboardLabels, "10.1.1.10");
        Pod(cluster, "policy-dashboard", "dashboard-b", dashboardLabels, "10.1.2.10");
        Pod(cluster, "kube-system", "coredns", new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, "10.1.0.53");
        Pod(cluster, "shop", "web", new Dictionary<string, string> { ["app"] = "web" }, "10.1.3.10");

        var result = ManifestLoader.LoadText(policyDocument + cluster, $"{overlay} + modeled cluster", new ManifestLoadOptions { ExpandWorkloads = false });
        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        Assert.Single(result.Snapshot.NetworkPolicies);
        return (ReferenceEngine.For(result.Snapshot), result.Snapshot);
    }

    private static void Pod(StringBuilder yaml, string ns, string name, IDictionary<string, string> labels, string ip)
    {
        yaml.Append($"---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n");
        foreach (var (key, value) in labels) yaml.Append($"    {key}: \"{value}\"\n");
        yaml.Append($"spec:\n  containers:\n    - name: main\n      image: example\n      ports:\n        - containerPort: 8080\nstatus:\n  phase: Running\n  podIP: {ip}\n  podIPs:\n    - ip: {ip}\n");
    }

    private static Endpoint PodNamed(ClusterSnapshot snapshot, string ns, string name) =>
        Endpoint.Of(snapshot.Pods[new ObjectKey(ns, name)]);

    [Fact]
    public void Base_IngressController_ReachesEveryDashboardReplicaOn8080()
    {
        var (engine, snapshot) = Analyse("base", "ingress-nginx");

        foreach (var replica in new[] { "dashboard-a", "dashboard-b" })
        {
            var verdict = engine.Evaluate(PodNamed(snapshot, "ingress-nginx", "controller"), PodNamed(snapshot, "policy-dashboard", replica), 8080, Protocol.TCP);
            Assert.True(verdict.Allowed, verdict.Explanation);
        }
    }

    [Fact]
    public void Base_OtherNamespacesAndOtherPorts_DoNotReachTheDashboard()
    {
        var (engine, snapshot) = Analyse("base", "ingress-nginx");
        var dashboard = PodNamed(snapshot, "policy-dashboard", "dashboard-a");

        var fromShop = engine.Evaluate(PodNamed(snapshot, "shop", "web"), dashboard, 8080, Protocol.TCP);
        Assert.False(fromShop.IngressAllowed, fromShop.Explanation);
        var otherPort = engine.Evaluate(PodNamed(snapshot, "ingress-nginx", "controller"), dashboard, 9090, Protocol.TCP);
        Assert.False(otherPort.IngressAllowed, otherPort.Explanation);
        var fromPeer = engine.Evaluate(PodNamed(snapshot, "policy-dashboard", "dashboard-b"), dashboard, 8080, Protocol.TCP);
        Assert.False(fromPeer.IngressAllowed, fromPeer.Explanation);
    }

    [Fact]
    public void Base_DashboardEgress_OnlyDnsApiServerAndHttps()
    {
        var (engine, snapshot) = Analyse("base", "ingress-nginx");
        var dashboard = PodNamed(snapshot, "policy-dashboard", "dashboard-a");

        Assert.True(engine.Evaluate(dashboard, PodNamed(snapshot, "kube-system", "coredns"), 53, Protocol.UDP).EgressAllowed);
        Assert.True(engine.Evaluate(dashboard, PodNamed(snapshot, "kube-system", "coredns"), 53, Protocol.TCP).EgressAllowed);
        Assert.True(engine.Evaluate(dashboard, Endpoint.Of("10.0.0.1"), 6443, Protocol.TCP).EgressAllowed);
        Assert.True(engine.Evaluate(dashboard, Endpoint.Of("203.0.113.7"), 443, Protocol.TCP).EgressAllowed);
        Assert.False(engine.Evaluate(dashboard, Endpoint.Of("203.0.113.7"), 6443, Protocol.TCP).EgressAllowed);
        Assert.False(engine.Evaluate(dashboard, PodNamed(snapshot, "shop", "web"), 8080, Protocol.TCP).EgressAllowed);
        Assert.False(engine.Evaluate(dashboard, PodNamed(snapshot, "shop", "web"), 53, Protocol.UDP).EgressAllowed);
    }

    [Fact]
    public void Gateway_GatewayNamespace_ReachesTheDashboardOtherNamespacesDoNot()
    {
        var (engine, snapshot) = Analyse("gateway", "gateway-system");
        var dashboard = PodNamed(snapshot, "policy-dashboard", "dashboard-a");

        Assert.True(engine.Evaluate(PodNamed(snapshot, "gateway-system", "controller"), dashboard, 8080, Protocol.TCP).Allowed);
        Assert.False(engine.Evaluate(PodNamed(snapshot, "shop", "web"), dashboard, 8080, Protocol.TCP).IngressAllowed);
    }
}
