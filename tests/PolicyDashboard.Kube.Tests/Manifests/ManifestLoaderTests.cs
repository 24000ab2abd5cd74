using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

public sealed class ManifestLoaderTests
{
    private const string Guestbook = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: default
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend-1
          labels:
            app: guestbook
            k8s-app: guestbook
        spec:
          containers:
          - name: php
            ports:
            - name: http
              containerPort: 80
        status:
          podIP: 10.1.0.1
        ---
        # a comment-only document is fine
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-redis
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  k8s-app: guestbook
            ports:
            - port: 6379
        """;

    [Fact]
    public void LoadText_MultiDocumentYaml_LoadsEveryObject()
    {
        var result = ManifestLoader.LoadText(Guestbook, "guestbook.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Single(result.Snapshot.Namespaces);
        var pod = result.Snapshot.Pods[new ObjectKey("default", "frontend-1")];
        Assert.Equal(["10.1.0.1"], pod.Ips);
        Assert.Equal(new ContainerPort("http", 80, Protocol.TCP, "php"), Assert.Single(pod.Ports));
        var policy = result.Snapshot.NetworkPolicies[new ObjectKey("default", "allow-redis")];
        Assert.Equal(IntOrString.Of(6379), policy.Ingress[0].Ports[0].Port);
        Assert.Equal("guestbook", policy.Ingress[0].Peers[0].PodSelector!.MatchLabels["k8s-app"]);
    }

    [Fact]
    public void LoadText_ObjectWithoutNamespace_LandsInDefault()
    {
        var result = ManifestLoader.LoadText(Guestbook, "guestbook.yaml");

        Assert.True(result.Snapshot.Pods.ContainsKey(new ObjectKey("default", "frontend-1")));
    }

    [Fact]
    public void LoadText_UndeclaredNamespace_IsImpliedWithNameLabelAndReported()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: shop}
            """, "p.yaml");

        var ns = result.Snapshot.Namespaces[new ObjectKey("", "shop")];
        Assert.Equal("shop", ns.Labels["kubernetes.io/metadata.name"]);
        Assert.Contains(result.Diagnostics, d => d.Severity == ManifestSeverity.Info && d.Message.Contains("shop", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_KindList_LoadsItems()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a, namespace: x}
            - apiVersion: v1
              kind: Service
              metadata: {name: s, namespace: x}
              spec:
                selector: {app: a}
                ports: [{port: 80, targetPort: 8080}]
            """, "list.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.True(result.Snapshot.Pods.ContainsKey(new ObjectKey("x", "a")));
        Assert.Equal(IntOrString.Of(8080), result.Snapshot.Services[new ObjectKey("x", "s")].Ports[0].TargetPort);
    }

    [Fact]
    public void LoadText_TypedList_LoadsItems()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicyList
            items:
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: deny, namespace: x}
              spec: {podSelector: {}}
            """, "list.yaml");

        Assert.True(result.Snapshot.NetworkPolicies.ContainsKey(new ObjectKey("x", "deny")));
    }

    [Fact]
    public void LoadText_Json_LoadsObjectAndList()
    {
        var result = ManifestLoader.LoadText("""
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "j", "namespace": "n" },
                  "status": { "podIPs": [ { "ip": "10.0.0.9" } ] } }
              ]
            }
            """, "pods.json");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(["10.0.0.9"], result.Snapshot.Pods[new ObjectKey("n", "j")].Ips);
    }

    [Fact]
    public void LoadText_InvalidJson_ReportsLineAndColumn()
    {
        var result = ManifestLoader.LoadText("{\n  \"kind\": \"Pod\",\n  \"metadata\": { \"name\": }\n}", "bad.json");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Column);
    }

    [Fact]
    public void LoadText_InvalidYaml_ReportsLineAndColumnAndKeepsEarlierDocuments()
    {
        const string text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: good\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n  labels: {a: b}\n";

        var result = ManifestLoader.LoadText(text, "bad.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal("bad.yaml", error.Source);
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 9, 11);
        Assert.NotNull(error.Column);
        Assert.StartsWith("invalid YAML", error.Message, StringComparison.Ordinal);
        Assert.True(result.Snapshot.Pods.ContainsKey(new ObjectKey("default", "good")));
    }

    [Fact]
    public void LoadText_BadIndentation_ReportsTheLine()
    {
        const string text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n labels: x\n";

        var result = ManifestLoader.LoadText(text, "indent.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void LoadText_UnknownKind_WarnsAndSkips()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            """, "mixed.yaml");

        var warning = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Warning);
        Assert.Contains("ConfigMap", warning.Message, StringComparison.Ordinal);
        Assert.Equal(2, warning.Line);
        Assert.False(result.HasErrors);
        Assert.Single(result.Snapshot.Pods);
    }

    [Fact]
    public void LoadText_KnownKindUnsupportedApiVersion_WarnsAndSkips()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: old}
            spec: {backend: {serviceName: a, servicePort: 80}}
            """, "old.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == ManifestSeverity.Warning && d.Message.Contains("extensions/v1beta1", StringComparison.Ordinal));
        Assert.Empty(result.Snapshot.Ingresses);
    }

    [Fact]
    public void LoadText_MissingKind_IsAnError()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nmetadata: {name: x}\n", "nokind.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == ManifestSeverity.Error && d.Message.Contains("kind", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_FieldOfWrongType_ErrorPointsAtTheField()
    {
        const string text = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: a}\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - endPort: lots\n";

        var result = ManifestLoader.LoadText(text, "wrong.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal(8, error.Line);
        Assert.Contains("NetworkPolicy p", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Snapshot.NetworkPolicies);
    }

    [Fact]
    public void LoadText_FieldOfWrongTypeInListItem_ErrorPointsAtTheField()
    {
        const string text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: ok}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n  spec:\n    ports:\n    - port: eighty\n";

        var result = ManifestLoader.LoadText(text, "list.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal(12, error.Line);
        Assert.Contains("Service s", error.Message, StringComparison.Ordinal);
        Assert.Single(result.Snapshot.Pods);
    }

    [Fact]
    public void LoadText_InvalidValues_AreKeptForValidation()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec:
              podSelector: {matchExpressions: [{key: tier, operator: Sometimes, values: [x]}]}
              egress:
              - to: [{ipBlock: {cidr: "300.1.2.3/8"}}]
                ports: [{protocol: ICMP, port: 70000}]
            """, "invalid.yaml");

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var policy = result.Snapshot.NetworkPolicies[new ObjectKey("a", "p")];
        Assert.Equal("Sometimes", policy.PodSelector.MatchExpressions[0].Operator);
        Assert.Equal("300.1.2.3/8", policy.Egress[0].Peers[0].IpBlock!.Cidr);
        Assert.Equal(new NetworkPolicyPort("ICMP", IntOrString.Of(70000), null), policy.Egress[0].Ports[0]);
    }

    [Fact]
    public void LoadText_QuotedNumberLabel_StaysAString()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: {version: "1.0", enabled: "true"}
            """, "q.yaml");

        var pod = Assert.Single(result.Snapshot.Pods).Value;
        Assert.Equal("1.0", pod.Labels["version"]);
        Assert.Equal("true", pod.Labels["enabled"]);
    }

    [Fact]
    public void LoadText_AnchorsAndMergeKeys_Resolve()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: &common {app: web}
              annotations:
                <<: *common
                extra: "yes"
            """, "anchors.yaml");

        var pod = Assert.Single(result.Snapshot.Pods).Value;
        Assert.Equal("web", pod.Meta.Annotations["app"]);
        Assert.Equal("yes", pod.Meta.Annotations["extra"]);
    }

    [Fact]
    public void LoadText_DuplicateObject_LastWinsWithWarning()
    {
        var result = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {v: "1"}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {v: "2"}}
            """, "dup.yaml");

        Assert.Equal("2", Assert.Single(result.Snapshot.Pods).Value.Labels["v"]);
        Assert.Contains(result.Diagnostics, d => d.Severity == ManifestSeverity.Warning && d.Line == 5);
    }

    [Fact]
    public void LoadText_NonObjectDocument_IsAnError()
    {
        var result = ManifestLoader.LoadText("- just\n- a list\n", "seq.yaml");

        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Diagnostic_ToString_IsCompilerStyle()
    {
        var d = new ManifestDiagnostic(ManifestSeverity.Error, "a.yaml", 3, 7, "invalid YAML: boom");

        Assert.Equal("a.yaml:3:7: error: invalid YAML: boom", d.ToString());
    }
}
