using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>Runs the <see cref="ClusterSnapshotStore"/> for the lifetime of the host.</summary>
public sealed partial class ClusterSnapshotService(ClusterSnapshotStoreHolder holder, IOptions<KubernetesOptions> options, ILogger<ClusterSnapshotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        ClusterSnapshotStore store;
        try
        {
            store = holder.Store;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or k8s.Exceptions.KubeConfigException)
        {
            LogCannotCreateClient(logger, options.Value.Mode, ex.Message);
            holder.Fail(ex.Message);
            return;
        }

        LogStarting(logger, options.Value.Mode, holder.BaseUri);
        await store.RunAsync(stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Following the cluster ({Mode}) at {Server}")]
    private static partial void LogStarting(ILogger logger, KubernetesMode mode, Uri? server);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Cannot create the Kubernetes client for mode {Mode}: {Error}")]
    private static partial void LogCannotCreateClient(ILogger logger, KubernetesMode mode, string error);
}
