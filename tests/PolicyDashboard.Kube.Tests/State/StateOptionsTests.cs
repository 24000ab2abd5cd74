using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Kube.Tests.State;

public sealed class StateOptionsTests
{
    private static ValidateOptionsResult Validate(StateOptions state, KubernetesOptions? kubernetes = null) =>
        new StateOptionsValidator(Options.Create(kubernetes ?? new KubernetesOptions())).Validate(null, state);

    [Theory]
    [InlineData("Policy_Dashboard")]
    [InlineData("-leading")]
    [InlineData("")]
    public void Validate_NotANamespaceName_FailsNamingTheKey(string value)
    {
        var result = Validate(new StateOptions { StateNamespace = value });

        Assert.True(result.Failed);
        Assert.Contains("Dashboard:StateNamespace", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InClusterWithoutNamespaceFile_FailsNamingTheKey()
    {
        var dir = Directory.CreateTempSubdirectory("pd-sa-").FullName;
        try
        {
            var result = Validate(new StateOptions(), new KubernetesOptions { Mode = KubernetesMode.InCluster, ServiceAccountDirectory = dir });

            Assert.True(result.Failed);
            Assert.Contains("Dashboard:StateNamespace", result.FailureMessage, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Resolve_InCluster_ReadsTheServiceAccountNamespaceFile()
    {
        var dir = Directory.CreateTempSubdirectory("pd-sa-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "namespace"), "tools\n");

            var ns = StateNamespace.Resolve(new StateOptions(), new KubernetesOptions { Mode = KubernetesMode.InCluster, ServiceAccountDirectory = dir });

            Assert.Equal("tools", ns);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Resolve_Demo_IsTheDemoNamespace() =>
        Assert.Equal(StateOptions.DemoNamespace, StateNamespace.Resolve(new StateOptions(), new KubernetesOptions { Mode = KubernetesMode.Demo }));

    [Fact]
    public void Resolve_Explicit_WinsInEveryMode() =>
        Assert.Equal("mine", StateNamespace.Resolve(new StateOptions { StateNamespace = "mine" }, new KubernetesOptions { Mode = KubernetesMode.InCluster }));
}
