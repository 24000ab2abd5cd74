using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>Whatever the registration order, components get the writer that acts as the user, never the raw one.</summary>
public sealed class ActingAsUserSetupTests
{
    private static readonly IConfiguration Empty = new ConfigurationBuilder().Build();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Register_EitherOrder_TheOnlyUnkeyedPolicyWriterIsTheScopedActingOne(bool clusterFirst)
    {
        var services = new ServiceCollection();
        if (clusterFirst) services.AddClusterSnapshot(Empty);
        services.AddActingAsUser();
        if (!clusterFirst) services.AddClusterSnapshot(Empty);

        var writer = Assert.Single(services, d => d.ServiceType == typeof(IPolicyWriter) && !d.IsKeyedService);

        Assert.Equal(ServiceLifetime.Scoped, writer.Lifetime);
        Assert.Single(services, d => d.ServiceType == typeof(IPolicyWriter) && d.IsKeyedService);
    }
}
