using System.Net;
using k8s;
using k8s.Autorest;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class ListTests : SandboxTestBase
{
    [Fact]
    public async Task List_WithLimit_PagesThroughEveryPodOnce()
    {
        var all = await Client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: Timeout());
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.CoreV1.ListPodForAllNamespacesAsync(limit: 4, continueParameter: token, cancellationToken: Timeout());
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}"));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(all.Items.Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}").Order(), seen.Order());
        Assert.Equal((all.Items.Count + 3) / 4, pages);
    }

    [Fact]
    public async Task List_ContinueTokenAfterHistoryExpired_Returns410()
    {
        var first = await Client.CoreV1.ListPodForAllNamespacesAsync(limit: 2, cancellationToken: Timeout());
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("bump"), "default", cancellationToken: Timeout());
        Server.Faults.ExpireHistory();

        var ex = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ListPodForAllNamespacesAsync(limit: 2, continueParameter: first.Metadata.ContinueProperty, cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.Gone, ex.Response.StatusCode);
        Assert.Contains("\"reason\":\"Expired\"", ex.Response.Content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("k8s-app=guestbook", new[] { "frontend", "frontend", "frontend" })]
    [InlineData("k8s-app==guestbook,tier=frontend", new[] { "frontend", "frontend", "frontend" })]
    [InlineData("app in (redis,nginx)", new[] { "nginx", "nginx", "redis-master", "redis-slave", "redis-slave" })]
    [InlineData("app notin (redis,guestbook)", new[] { "nginx", "nginx" })]
    [InlineData("role", new[] { "redis-master", "redis-slave", "redis-slave" })]
    [InlineData("!role,app!=nginx", new[] { "frontend", "frontend", "frontend" })]
    public async Task List_LabelSelector_MatchesKubectlSyntax(string selector, string[] workloads)
    {
        var pods = await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: selector, cancellationToken: Timeout());

        Assert.Equal(workloads, pods.Items.Select(p => p.Metadata.OwnerReferences[0].Name[..p.Metadata.OwnerReferences[0].Name.LastIndexOf('-')]).Order());
    }

    [Fact]
    public async Task List_FieldSelector_FiltersByNameAndNamespace()
    {
        var byNs = await Client.CoreV1.ListServiceForAllNamespacesAsync(fieldSelector: "metadata.namespace=default", cancellationToken: Timeout());
        var byName = await Client.CoreV1.ListServiceForAllNamespacesAsync(fieldSelector: "metadata.name=frontend", cancellationToken: Timeout());

        Assert.All(byNs.Items, s => Assert.Equal("default", s.Metadata.NamespaceProperty));
        Assert.Contains(byNs.Items, s => s.Metadata.Name == "redis-master");
        Assert.Equal(new[] { "default", "team-doc" }, byName.Items.Select(s => s.Metadata.NamespaceProperty).Order());
    }

    [Fact]
    public async Task List_BadLabelSelector_Returns400()
    {
        var ex = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "a in (", cancellationToken: Timeout()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.Response.StatusCode);
    }

    [Fact]
    public async Task Discovery_ListsEveryServedKind()
    {
        var core = await Client.CoreV1.GetAPIResourcesAsync(cancellationToken: Timeout());
        var groups = await Client.Apis.GetAPIVersionsAsync(cancellationToken: Timeout());

        Assert.Contains(core.Resources, r => r.Name == "pods" && r.Namespaced);
        Assert.Contains(groups.Groups, g => g.Name == "policy.networking.k8s.io" && g.Versions.Any(v => v.Version == "v1alpha1") && g.Versions.Any(v => v.Version == "v1alpha2"));
        Assert.Contains(groups.Groups, g => g.Name == "networking.k8s.io");
        Assert.Contains(groups.Groups, g => g.Name == "discovery.k8s.io");
    }

    [Fact]
    public async Task SelfSubjectAccessReview_IsAnsweredAllowed()
    {
        var review = new k8s.Models.V1SelfSubjectAccessReview
        {
            Spec = new k8s.Models.V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new k8s.Models.V1ResourceAttributes { Verb = "patch", Group = "networking.k8s.io", Resource = "networkpolicies", NamespaceProperty = "default" },
            },
        };

        var answer = await Client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(review, cancellationToken: Timeout());

        Assert.True(answer.Status.Allowed);
        Assert.Equal("networkpolicies", answer.Spec.ResourceAttributes.Resource);
    }

    [Fact]
    public async Task Demo_EndpointSlicesFollowPods()
    {
        var slices = await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=frontend", cancellationToken: Timeout());
        var slice = Assert.Single(slices.Items);
        Assert.Equal(3, slice.Endpoints.Count);

        var victim = slice.Endpoints[0].TargetRef.Name;
        await Client.CoreV1.DeleteNamespacedPodAsync(victim, "default", cancellationToken: Timeout());

        var after = await Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=frontend", cancellationToken: Timeout());
        Assert.Equal(2, Assert.Single(after.Items).Endpoints.Count);
        Assert.DoesNotContain(after.Items[0].Endpoints, e => e.TargetRef.Name == victim);
    }

    [Fact]
    public async Task Demo_HasTheSeedStory()
    {
        var frontends = await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "k8s-app=guestbook,tier=frontend", cancellationToken: Timeout());
        var masters = await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "role=db", cancellationToken: Timeout());
        var defaultPolicies = await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("default", cancellationToken: Timeout());
        var shopPolicies = await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("shop", cancellationToken: Timeout());
        var ingress = await Client.NetworkingV1.ReadNamespacedIngressAsync("simple", "team-doc", cancellationToken: Timeout());
        var dns = await Client.CoreV1.ListNamespacedPodAsync("kube-system", labelSelector: "k8s-app=kube-dns", cancellationToken: Timeout());
        var frontendSvc = await Client.CoreV1.ReadNamespacedServiceAsync("frontend", "default", cancellationToken: Timeout());

        Assert.Equal(3, frontends.Items.Count);
        Assert.All(frontends.Items, p => Assert.False(string.IsNullOrEmpty(p.Status.PodIP)));
        Assert.All(frontends.Items, p => Assert.Equal("ReplicaSet", p.Metadata.OwnerReferences.Single().Kind));
        Assert.Equal("redis-master", Assert.Single(masters.Items).Metadata.OwnerReferences[0].Name[..12]);
        Assert.Empty(defaultPolicies.Items);
        Assert.Contains(shopPolicies.Items, p => p.Spec.PodSelector.MatchLabels is null && p.Spec.PolicyTypes.Contains("Egress") && p.Spec.PolicyTypes.Contains("Ingress"));
        Assert.Equal("frontend", ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name);
        Assert.Equal(2, dns.Items.Count);
        Assert.Contains(dns.Items[0].Spec.Containers[0].Ports, p => p.Name == "dns" && p.ContainerPort == 53 && p.Protocol == "UDP");
        Assert.Equal("LoadBalancer", frontendSvc.Spec.Type);
        Assert.Equal(80, frontendSvc.Spec.Ports[0].Port);
    }
}
