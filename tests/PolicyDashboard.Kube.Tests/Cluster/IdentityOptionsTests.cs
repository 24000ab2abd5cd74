using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.Tests.Cluster;

/// <summary><c>Kubernetes:Identity</c>: impersonation by default, ServiceAccount only when chosen, bad values named.</summary>
public sealed class IdentityOptionsTests
{
    private static KubernetesOptions Bind(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        services.AddClusterSnapshot(configuration, _ => new Uri("http://127.0.0.1:1/"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KubernetesOptions>>().Value;
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
        var options = Bind(("Kubernetes:Mode", "InCluster"), ("Kubernetes:Identity", "ServiceAccount"));

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
