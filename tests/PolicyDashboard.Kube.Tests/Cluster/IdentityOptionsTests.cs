using Microsoft.Extensions.Configuration;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.Tests.Cluster;

/// <summary><c>Kubernetes:Identity</c>: impersonation by default, ServiceAccount only when chosen, bad values named.</summary>
public sealed class IdentityOptionsTests
{
    /// <summary>Binds the section as the host does (validation is tested separately: InCluster mode needs a pod).</summary>
    private static KubernetesOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var options = new KubernetesOptions();
        configuration.GetSection(KubernetesOptions.SectionName).Bind(options);
        return options;
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("Kubeconfig")]
    [InlineData("InCluster")]
    public void Identity_Unset_IsImpersonateInEveryMode(string mode)
    {
        var options = Bind(("Kubernetes:Mode", mode));

        Assert.Equal(KubernetesIdentity.Impersonate, options.Identity);
    }

    [Fact]
    public void Identity_ServiceAccount_IsBoundWhenChosen()
    {
        var options = Bind(("Kubernetes:Mode", "Demo"), ("Kubernetes:Identity", "ServiceAccount"));

        Assert.Equal(KubernetesIdentity.ServiceAccount, options.Identity);
        Assert.True(new KubernetesOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_UndefinedIdentity_NamesTheKeyAndTheValues()
    {
        var result = new KubernetesOptionsValidator().Validate(null, new KubernetesOptions { Identity = (KubernetesIdentity)7 });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("Kubernetes:Identity", failure, StringComparison.Ordinal);
        Assert.Contains("Impersonate", failure, StringComparison.Ordinal);
        Assert.Contains("ServiceAccount", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnknownIdentityName_FailsNamingTheKey()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Bind(("Kubernetes:Identity", "Nobody")));

        Assert.Contains("Kubernetes:Identity", ex.Message, StringComparison.Ordinal);
    }
}
