using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Convert;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Kube.Tests.Cluster;

/// <summary>An embedded API server, a client for it, and a snapshot store following it, torn down together.</summary>
internal sealed class ClusterFixture : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    private ClusterFixture(SandboxServer server, KubernetesOptions options)
    {
        Server = server;
        Options = options;
        Client = KubernetesClientFactory.ForBaseUrl(server.BaseAddress);
        Store = new ClusterSnapshotStore(new KubeApi(KubernetesClientFactory.ForBaseUrl(server.BaseAddress)), options);
    }

    public SandboxServer Server { get; }
    public KubernetesOptions Options { get; }
    public Kubernetes Client { get; }
    public ClusterSnapshotStore Store { get; }

    public static async Task<ClusterFixture> StartAsync(
        string scenario = "empty", TimeSpan? watchdog = null, TimeSpan? bookmarks = null, int pageSize = 500, int historyLimit = 10_000)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scenario = scenario,
            BookmarkInterval = bookmarks ?? TimeSpan.FromMilliseconds(500),
            HistoryLimit = historyLimit,
        });
        var options = new KubernetesOptions
        {
            WatchdogInterval = watchdog ?? TimeSpan.FromSeconds(30),
            PageSize = pageSize,
            BackoffMin = TimeSpan.FromMilliseconds(50),
            BackoffMax = TimeSpan.FromMilliseconds(500),
            WatchTimeout = TimeSpan.FromMinutes(5),
        };
        return new ClusterFixture(server, options);
    }

    /// <summary>Runs the store and waits for the first complete list of every served kind.</summary>
    public async Task StartStoreAsync()
    {
        _run = Task.Run(() => Store.RunAsync(_stop.Token));
        await Store.Synced.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Awaits the store's change stream until <paramref name="condition"/> holds; fails after <paramref name="timeout"/>
    /// with <paramref name="what"/> and the last state seen.
    /// </summary>
    public Task<ClusterSnapshot> WaitUntilAsync(Func<ClusterSnapshot, bool> condition, TimeSpan timeout, string what) =>
        Await.UntilAsync(Store, (s, _) => condition(s), timeout, what);

    public async Task<V1Pod> CreatePodAsync(string ns, string name, IDictionary<string, string>? labels = null) =>
        await Client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = labels ?? new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "busybox" }] },
            },
            ns,
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>DELETE through the API (raw, so any success body will do).</summary>
    public async Task DeleteAsync(ResourceKind kind, string? ns, string name)
    {
        using var response = await new KubeApi(Client).SendAsync(HttpMethod.Delete, kind.ObjectPath(ns, name), null, null, false, TestContext.Current.CancellationToken);
        await KubeApi.EnsureSuccessAsync(response, TestContext.Current.CancellationToken);
    }

    public Task DeletePodAsync(string ns, string name) => DeleteAsync(ResourceKinds.Pods, ns, name);

    /// <summary>
    /// Creates a pod and waits until the store has it. After the initial list this can only arrive through a watch,
    /// so it proves the pod watch is established.
    /// </summary>
    public async Task WatchEstablishedAsync(string marker)
    {
        await CreatePodAsync("default", marker);
        await WaitUntilAsync(s => s.Pods.ContainsKey(new ObjectKey("default", marker)), TimeSpan.FromSeconds(20), $"marker pod {marker} arrives by watch");
    }

    /// <summary>Namespace/name → resourceVersion of every pod, as a fresh list from the server sees them.</summary>
    public async Task<Dictionary<ObjectKey, string?>> FreshPodVersionsAsync()
    {
        var list = await Client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: TestContext.Current.CancellationToken);
        return list.Items.ToDictionary(p => new ObjectKey(p.Metadata.NamespaceProperty, p.Metadata.Name), p => (string?)p.Metadata.ResourceVersion);
    }

    public async Task<Dictionary<ObjectKey, string?>> FreshNetworkPolicyVersionsAsync()
    {
        var list = await Client.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(cancellationToken: TestContext.Current.CancellationToken);
        return list.Items.ToDictionary(p => new ObjectKey(p.Metadata.NamespaceProperty, p.Metadata.Name), p => (string?)p.Metadata.ResourceVersion);
    }

    public static Dictionary<ObjectKey, string?> Versions<T>(IReadOnlyDictionary<ObjectKey, T> map, Func<T, string?> version) =>
        map.ToDictionary(p => p.Key, p => version(p.Value));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
            }
        }

        Client.Dispose();
        await Server.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>Bounded waits on a snapshot source's change stream.</summary>
internal static class Await
{
    public static async Task<ClusterSnapshot> UntilAsync(
        IClusterSnapshotSource source, Func<ClusterSnapshot, ConnectionStatus, bool> condition, TimeSpan timeout, string what)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await foreach (var snapshot in source.WatchAsync(cts.Token))
            {
                if (condition(snapshot, source.Status)) return snapshot;
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        var status = source.Status;
        throw new TimeoutException(
            $"Not within {timeout}: {what}. Last snapshot v{source.Current.Version} with {source.Current.Pods.Count} pods; " +
            $"status {status.State} since {status.Since:O} ({status.LastError}); kinds: " +
            string.Join(", ", status.Kinds.Select(k => $"{k.Kind} {k.Loaded}/{k.Expected} synced={k.Synced} served={k.Served}")));
    }
}
