using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Writes;

namespace PolicyDashboard.Kube.Cluster;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the cluster layer: <see cref="KubernetesOptions"/> bound from <c>Kubernetes</c> and validated at
    /// start, the API client, <see cref="IClusterSnapshotSource"/> (kept current by a hosted service),
    /// <see cref="IObjectReader"/> and <see cref="IPolicyWriter"/>. In Demo mode <paramref name="demoServer"/>
    /// supplies the embedded server's URL; it is called when the client is first needed, after the host's
    /// earlier hosted services have started.
    /// </summary>
    public static IServiceCollection AddClusterSnapshot(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, Uri>? demoServer = null)
    {
        services.AddOptions<KubernetesOptions>().Bind(configuration.GetSection(KubernetesOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KubernetesOptions>, KubernetesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new KubernetesClientProvider(
            sp.GetRequiredService<IOptions<KubernetesOptions>>(),
            demoServer is null ? null : () => demoServer(sp)));
        services.TryAddSingleton(sp => new ClusterSnapshotStoreHolder(
            sp.GetRequiredService<KubernetesClientProvider>(),
            sp.GetRequiredService<IOptions<KubernetesOptions>>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IClusterSnapshotSource>(sp => sp.GetRequiredService<ClusterSnapshotStoreHolder>());
        services.TryAddSingleton<IObjectReader>(sp => new ObjectReader(sp.GetRequiredService<KubernetesClientProvider>()));
        services.AddMetrics();
        services.TryAddSingleton<PolicyWriteMetrics>();
        services.TryAddSingleton<IPolicyWriter>(sp => new PolicyWriter(sp.GetRequiredService<KubernetesClientProvider>(), sp.GetRequiredService<PolicyWriteMetrics>()));
        services.AddHostedService<ClusterSnapshotService>();
        return services;
    }
}
