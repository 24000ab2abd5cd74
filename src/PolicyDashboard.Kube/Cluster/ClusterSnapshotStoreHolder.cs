using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// The registered <see cref="IClusterSnapshotSource"/>: forwards to the store once the client exists, and before
/// that (or if the client cannot be created, e.g. a broken kubeconfig) reports Connecting or Error.
/// </summary>
public sealed class ClusterSnapshotStoreHolder : IClusterSnapshotSource
{
    private readonly Lazy<ClusterSnapshotStore> _store;
    private readonly KubernetesClientProvider _provider;
    private volatile ConnectionStatus? _failure;

    public ClusterSnapshotStoreHolder(KubernetesClientProvider provider, IOptions<KubernetesOptions> options, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        _provider = provider;
        _store = new Lazy<ClusterSnapshotStore>(() => new ClusterSnapshotStore(provider.Api, options.Value, loggerFactory.CreateLogger<ClusterSnapshotStore>(), time));
    }

    public ClusterSnapshotStore Store => _store.Value;

    public Uri? BaseUri => _store.IsValueCreated ? _provider.Api.BaseUri : null;

    internal void Fail(string error) =>
        _failure = new ConnectionStatus(ConnectionState.Error, DateTimeOffset.UtcNow, error, ImmutableArray<KindProgress>.Empty);

    public ClusterSnapshot Current => _store.IsValueCreated ? _store.Value.Current : ClusterSnapshot.Empty;

    public ConnectionStatus Status => _failure ?? (_store.IsValueCreated ? _store.Value.Status : ConnectionStatus.Initial(DateTimeOffset.UtcNow));

    public async IAsyncEnumerable<ClusterSnapshot> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ClusterSnapshotStore? store = null;
        try
        {
            store = _store.Value;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or k8s.Exceptions.KubeConfigException)
        {
            Fail(ex.Message);
        }

        if (store is null)
        {
            // No client, so nothing will ever change: the empty snapshot and the Error status are all there is.
            yield return ClusterSnapshot.Empty;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            yield break;
        }

        await foreach (var snapshot in store.WatchAsync(cancellationToken).ConfigureAwait(false))
            yield return snapshot;
    }
}
