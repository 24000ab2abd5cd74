using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Deploy.Tests;

public sealed class RenderTests
{
    public static TheoryData<string> Overlays => new(Kustomize.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_RenderedWithKubectl_EveryDocumentLoadsStrictlyOrIsAKnownUntypedKind(string overlay)
    {
        var rendered = Kustomize.Render(overlay);

        Assert.NotEmpty(rendered.Documents);
        Assert.Equal(rendered.Documents.Count, rendered.Typed.Count + rendered.Untyped.Count);
        Assert.All(rendered.Typed, o => Assert.IsAssignableFrom<IKubernetesObject>(o));
        Assert.All(rendered.Typed.OfType<IKubernetesObject<V1ObjectMeta>>(), o =>
        {
            var isClusterScoped = o is V1Namespace or V1ClusterRole or V1ClusterRoleBinding;
            Assert.Equal(isClusterScoped ? null : "policy-dashboard", o.Metadata.NamespaceProperty);
        });
    }

    [Fact]
    public void StrictLoading_UnknownField_Throws()
    {
        // Guards the guard: strict loading must reject a misplaced field, or the test above proves nothing.
        const string yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  prots: []\n";

        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));
    }

    [Fact]
    public void Gateway_HttpRoute_HasRequiredFieldsAndReplacesTheIngress()
    {
        var rendered = Kustomize.Render("gateway");

        Assert.Empty(rendered.OfType<V1Ingress>());
        var route = Assert.Single(rendered.Untyped);
        Assert.Equal("gateway.networking.k8s.io/v1", route["apiVersion"]?.ToString());
        Assert.Equal("HTTPRoute", route["kind"]?.ToString());
        Assert.Equal("policy-dashboard", route["metadata"]?["namespace"]?.ToString());
        Assert.False(string.IsNullOrEmpty(route["metadata"]?["name"]?.ToString()));
        var spec = Assert.IsType<JsonObject>(route["spec"]);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], route.Select(p => p.Key).Order(StringComparer.Ordinal));
        var parent = Assert.Single(Assert.IsType<JsonArray>(spec["parentRefs"]));
        Assert.Equal("Gateway", parent?["kind"]?.ToString());
        Assert.False(string.IsNullOrEmpty(parent?["name"]?.ToString()));
        var rule = Assert.Single(Assert.IsType<JsonArray>(spec["rules"]));
        var backend = Assert.Single(Assert.IsType<JsonArray>(rule?["backendRefs"]));
        var service = rendered.Single<V1Service>();
        Assert.Equal(service.Metadata.Name, backend?["name"]?.ToString());
        Assert.Equal(service.Spec.Ports.Single().Port.ToString(), backend?["port"]?.ToString());
    }
}
