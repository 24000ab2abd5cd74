using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Hosting;

/// <summary>Connects the dashboard to its cluster according to <c>Kubernetes:Mode</c> (Demo when unset).</summary>
public static class ClusterConnection
{
    public static WebApplicationBuilder AddClusterConnection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DemoOptions>, DemoOptionsValidator>());
        builder.Services.AddSingleton<DemoCluster>();
        // Registered before the cluster layer's hosted service, so the demo server is up when it connects.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoCluster>());
        builder.Services.AddClusterSnapshot(builder.Configuration, sp => sp.GetRequiredService<DemoCluster>().Server.BaseAddress);
        builder.Services.AddDashboardState(builder.Configuration);
        return builder;
    }
}
