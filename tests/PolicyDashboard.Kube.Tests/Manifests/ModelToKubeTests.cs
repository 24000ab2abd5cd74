using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

public sealed class ModelToKubeTests
{
    [Fact]
    public void ToYaml_GeneratedScenario_LoadsBackWithoutErrorsAndWithTheSameObjects()
    {
        var cluster = ScaleScenario.Generate(new ScaleScenarioOptions { Namespaces = 5, Pods = 60, Policies = 12, Seed = 3 });
        var expected = cluster.ToSnapshot();

        var yaml = ModelToKube.ToYaml(cluster);
        var loaded = ManifestLoader.LoadText(yaml, "generated.yaml");

        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.DoesNotContain("port: \"", yaml, StringComparison.Ordinal);
        Assert.Equal(expected.Pods.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), loaded.Snapshot.Pods.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Services.Count, loaded.Snapshot.Services.Count);
        Assert.Equal(expected.NetworkPolicies.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal), loaded.Snapshot.NetworkPolicies.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        foreach (var (key, pod) in expected.Pods)
            Assert.Equal(pod.Ips, loaded.Snapshot.Pods[key].Ips);
        foreach (var (key, policy) in expected.NetworkPolicies)
            Assert.Equal(policy.Ingress.Length, loaded.Snapshot.NetworkPolicies[key].Ingress.Length);
    }
}
