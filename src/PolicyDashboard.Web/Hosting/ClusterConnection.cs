using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Hosting;

/// <summary>Connects the dashboard to its cluster according to <c>Kubernetes:Mode</c> (Demo when unset).</summary>
public static class ClusterConnection
{
    public static async Task<WebApplicationBuilder> AddClusterConnectionAsync(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration[$"{KubernetesOptions.SectionName}:Mode"];
        Func<IServiceProvider, Uri>? demoServer = null;
        if (string.IsNullOrEmpty(mode) || string.Equals(mode, nameof(KubernetesMode.Demo), StringComparison.OrdinalIgnoreCase))
        {
            var server = await DemoCluster.StartAsync(builder);
            demoServer = _ => server.BaseAddress;
        }
        builder.Services.AddClusterSnapshot(builder.Configuration, demoServer);
        return builder;
    }
}
