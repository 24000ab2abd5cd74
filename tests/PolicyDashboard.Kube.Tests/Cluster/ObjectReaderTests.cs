using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class ObjectReaderTests
{
    [Fact]
    public async Task GetYaml_ExistingPod_RendersYamlWithoutManagedFields()
    {
        await using var f = await ClusterFixture.StartAsync();
        await f.CreatePodAsync("default", "shown", new Dictionary<string, string> { ["app"] = "shown", ["version"] = "1.0" });
        var reader = new ObjectReader(new KubernetesClientProvider(f.Client));

        var yaml = await reader.GetYamlAsync("Pod", "default", "shown", TestContext.Current.CancellationToken);

        Assert.NotNull(yaml);
        Assert.Contains("name: shown", yaml, StringComparison.Ordinal);
        Assert.Contains("version: \"1.0\"", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetYaml_MissingObject_IsNull()
    {
        await using var f = await ClusterFixture.StartAsync();
        var reader = new ObjectReader(new KubernetesClientProvider(f.Client));

        Assert.Null(await reader.GetYamlAsync("networkpolicies", "default", "nope", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetYaml_AdminNetworkPolicy_IsReadLikeAnyOtherKind()
    {
        await using var f = await ClusterFixture.StartAsync(scenario: "demo");
        await f.StartStoreAsync();
        var anp = f.Store.Current.AdminPolicies.Values.First(a => a.Kind == PolicyDashboard.Core.Model.AdminPolicyKind.AdminNetworkPolicy);
        var reader = new ObjectReader(new KubernetesClientProvider(f.Client));

        var yaml = await reader.GetYamlAsync("AdminNetworkPolicy", null, anp.Name, TestContext.Current.CancellationToken);

        Assert.NotNull(yaml);
        Assert.Contains("kind: AdminNetworkPolicy", yaml, StringComparison.Ordinal);
        Assert.Contains("priority:", yaml, StringComparison.Ordinal);
    }
}
