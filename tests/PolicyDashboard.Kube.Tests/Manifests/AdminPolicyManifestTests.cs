using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

public sealed class AdminPolicyManifestTests
{
    [Fact]
    public void LoadText_AdminNetworkPolicyV1Alpha1_ReadsSubjectRulesPeersAndPorts()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: cluster-control}
            spec:
              priority: 20
              subject:
                pods:
                  namespaceSelector: {matchLabels: {tenant: a}}
                  podSelector: {matchLabels: {app: web}}
              ingress:
              - name: pass-monitoring
                action: Pass
                from:
                - namespaces: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                ports:
                - portNumber: {protocol: UDP, port: 53}
                - portRange: {start: 8000, end: 9000}
                - namedPort: http
              egress:
              - name: deny-nodes-and-net
                action: Deny
                to:
                - nodes: {matchExpressions: [{key: node-role.kubernetes.io/control-plane, operator: Exists}]}
                - networks: ["10.0.0.0/8", "not-a-cidr"]
                - pods:
                    namespaceSelector: {}
                    podSelector: {matchLabels: {app: db}}
            """, "anp.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var anp = result.Snapshot.AdminPolicies[new AdminPolicyKey(AdminPolicyKind.AdminNetworkPolicy, "cluster-control")];
        Assert.Equal(AdminTier.Admin, anp.Tier);
        Assert.Equal(20, anp.Priority);
        Assert.Null(anp.Subject.Namespaces);
        Assert.Equal("a", anp.Subject.Pods!.NamespaceSelector.MatchLabels["tenant"]);
        var ingress = Assert.Single(anp.Ingress);
        Assert.Equal("Pass", ingress.Action);
        Assert.Equal("pass-monitoring", ingress.Name);
        Assert.Equal("monitoring", ingress.Peers[0].Namespaces!.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal<AdminPort>([new AdminPort.Number("UDP", 53), new AdminPort.Range("TCP", 8000, 9000), new AdminPort.Named("http")], ingress.Ports!.Value);
        var egress = Assert.Single(anp.Egress);
        Assert.Null(egress.Ports);
        Assert.Equal("Exists", egress.Peers[0].Nodes!.MatchExpressions[0].Operator);
        Assert.Equal(["10.0.0.0/8", "not-a-cidr"], egress.Peers[1].Networks!.Value);
        Assert.True(egress.Peers[2].Pods!.NamespaceSelector.IsEmpty);
    }

    [Fact]
    public void LoadText_BaselineAdminNetworkPolicy_HasBaselineTierAndNoPriority()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec:
              subject: {namespaces: {}}
              ingress:
              - action: Deny
                from: [{namespaces: {}}]
            """, "banp.yaml");

        var banp = result.Snapshot.AdminPolicies[new AdminPolicyKey(AdminPolicyKind.BaselineAdminNetworkPolicy, "default")];
        Assert.Equal(AdminTier.Baseline, banp.Tier);
        Assert.Null(banp.Priority);
        Assert.True(banp.Subject.Namespaces!.IsEmpty);
        Assert.Equal("Deny", banp.Ingress[0].Action);
        Assert.Null(banp.Ingress[0].Ports);
    }

    [Fact]
    public void LoadText_ClusterNetworkPolicyV1Alpha2_MapsTierActionsAndProtocols()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: baseline-dns}
            spec:
              tier: Baseline
              priority: 5
              subject: {namespaces: {matchLabels: {env: prod}}}
              egress:
              - name: dns
                action: Accept
                to: [{pods: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}}]
                protocols:
                - udp: {destinationPort: {number: 53}}
                - tcp: {destinationPort: {range: {start: 53, end: 54}}}
                - sctp: {}
                - destinationNamedPort: dns
              ingress:
              - action: Pass
                from: [{namespaces: {}}]
            """, "cnp.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var cnp = result.Snapshot.AdminPolicies[new AdminPolicyKey(AdminPolicyKind.ClusterNetworkPolicy, "baseline-dns")];
        Assert.Equal(AdminTier.Baseline, cnp.Tier);
        Assert.Equal(5, cnp.Priority);
        Assert.Equal("Accept", cnp.Egress[0].Action);
        Assert.Equal<AdminPort>(
            [new AdminPort.Number("UDP", 53), new AdminPort.Range("TCP", 53, 54), new AdminPort.Range("SCTP", 1, 65535), new AdminPort.Named("dns")],
            cnp.Egress[0].Ports!.Value);
        Assert.Null(cnp.Ingress[0].Ports);
    }

    [Fact]
    public void LoadText_ClusterNetworkPolicyAdminTier_IsAdmin()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: default}
            spec: {tier: Admin, priority: 1, subject: {namespaces: {}}}
            ---
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: BaselineAdminNetworkPolicy
            metadata: {name: default}
            spec: {subject: {namespaces: {}}}
            """, "same-name.yaml");

        Assert.Equal(2, result.Snapshot.AdminPolicies.Count);
        Assert.Equal(AdminTier.Admin, result.Snapshot.AdminPolicies[new AdminPolicyKey(AdminPolicyKind.ClusterNetworkPolicy, "default")].Tier);
    }

    [Fact]
    public void LoadText_AdminPolicyWithUnreadableField_IsAnErrorNotAnException()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: broken}
            spec:
              priority: high
              subject: {namespaces: {}}
            """, "broken.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal(5, error.Line);
        Assert.Empty(result.Snapshot.AdminPolicies);
    }
}
