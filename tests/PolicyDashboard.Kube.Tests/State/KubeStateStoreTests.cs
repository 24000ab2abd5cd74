using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Kube.Tests.State;

/// <summary>The state store against the embedded API server: the dashboard's own documents in its namespace.</summary>
public sealed class KubeStateStoreTests : IAsyncLifetime
{
    private SandboxServer _server = null!;
    private KubernetesClientProvider _provider = null!;
    private KubeStateStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "empty" }, Ct);
        _provider = new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(_server.BaseAddress));
        _store = NewStore();
    }

    /// <summary>A state store on the embedded API server; a second one stands for another replica of the dashboard.</summary>
    private KubeStateStore NewStore() => new(_provider, Options.Create(new StateOptions { StateNamespace = "kube-system" }),
        Options.Create(new KubernetesOptions { Mode = KubernetesMode.Kubeconfig }));

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        await _server.DisposeAsync();
    }

    private static StateDocument Doc(string name, string key, string value) =>
        StateDocument.New(name, "test") with { Data = ImmutableDictionary<string, byte[]>.Empty.Add(key, Encoding.UTF8.GetBytes(value)) };

    private static string Value(StateDocument? d, string key) => Encoding.UTF8.GetString(d!.Data[key]);

    [Theory]
    [InlineData(StateKind.ConfigMap)]
    [InlineData(StateKind.Secret)]
    public async Task CreateGetReplaceDelete_RoundTripsBytesAndLabels(StateKind kind)
    {
        var created = await _store.CreateAsync(kind, Doc("doc", "a", "one"), Ct);
        var replaced = await _store.ReplaceAsync(kind, Doc("doc", "a", "two") with { ResourceVersion = created.ResourceVersion }, Ct);
        var read = await _store.GetAsync(kind, "doc", Ct);
        var deleted = await _store.DeleteAsync(kind, "doc", null, Ct);

        Assert.Equal("two", Value(read, "a"));
        Assert.Equal(replaced.ResourceVersion, read!.ResourceVersion);
        Assert.Equal("policy-dashboard", read.Labels[StateDocument.ManagedByLabel]);
        Assert.True(deleted);
        Assert.Null(await _store.GetAsync(kind, "doc", Ct));
        Assert.False(await _store.DeleteAsync(kind, "doc", null, Ct));
    }

    [Fact]
    public async Task Replace_StaleVersion_ThrowsConflict()
    {
        var created = await _store.CreateAsync(StateKind.ConfigMap, Doc("racy", "a", "one"), Ct);
        await _store.ReplaceAsync(StateKind.ConfigMap, Doc("racy", "a", "two") with { ResourceVersion = created.ResourceVersion }, Ct);

        await Assert.ThrowsAsync<StateConflictException>(() =>
            _store.ReplaceAsync(StateKind.ConfigMap, Doc("racy", "a", "three") with { ResourceVersion = created.ResourceVersion }, Ct));
    }

    [Fact]
    public async Task Create_Existing_ThrowsConflict()
    {
        await _store.CreateAsync(StateKind.ConfigMap, Doc("twice", "a", "one"), Ct);

        await Assert.ThrowsAsync<StateConflictException>(() => _store.CreateAsync(StateKind.ConfigMap, Doc("twice", "a", "one"), Ct));
    }

    [Fact]
    public async Task List_ByLabels_ReturnsOnlyMatching()
    {
        await _store.CreateAsync(StateKind.ConfigMap, Doc("one", "a", "1"), Ct);
        await _store.CreateAsync(StateKind.ConfigMap, StateDocument.New("other", "different"), Ct);

        var listed = await _store.ListAsync(StateKind.ConfigMap, new Dictionary<string, string> { [StateDocument.KindLabel] = "test" }, Ct);

        Assert.Equal("one", Assert.Single(listed).Name);
    }

    [Fact]
    public async Task Create_PayloadOverOneMebibyte_ThrowsStoreErrorWith422()
    {
        var big = StateDocument.New("big", "test") with { Data = ImmutableDictionary<string, byte[]>.Empty.Add("blob", new byte[1024 * 1024 + 1]) };

        var e = await Assert.ThrowsAsync<StateStoreException>(() => _store.CreateAsync(StateKind.ConfigMap, big, Ct));

        Assert.Equal(422, (int)e.StatusCode);
        Assert.Contains("Too long", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_ConcurrentChangesFromTwoReplicas_BothKept()
    {
        await _store.CreateAsync(StateKind.ConfigMap, StateDocument.New("shared", "test"), Ct);
        // Another replica: its own store against the same API server (writers through one store take turns).
        var replica = NewStore();
        // The first writer reads, then the replica reads and commits before the first writer's write reaches the
        // server: that write conflicts and the change is re-applied to the replica's version. Nothing blocks a thread.
        var late = new WritesAfter(_store, () => replica.UpdateAsync(StateKind.ConfigMap, "shared",
            d => d! with { Data = d.Data.SetItem("second", [2]) }, Ct));
        var changes = 0;

        await late.UpdateAsync(StateKind.ConfigMap, "shared", d =>
        {
            changes++;
            return d! with { Data = d.Data.SetItem("first", [1]) };
        }, Ct);

        var stored = await _store.GetAsync(StateKind.ConfigMap, "shared", Ct);
        Assert.Equal(["first", "second"], stored!.Data.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, changes);
    }

    /// <summary>A store whose first replace waits until <paramref name="meanwhile"/> has run to completion.</summary>
    private sealed class WritesAfter(IStateStore inner, Func<Task> meanwhile) : IStateStore
    {
        private Func<Task>? _pending = meanwhile;

        public string Namespace => inner.Namespace;

        public Task<StateDocument?> GetAsync(StateKind kind, string name, CancellationToken cancellationToken) =>
            inner.GetAsync(kind, name, cancellationToken);

        public Task<IReadOnlyList<StateDocument>> ListAsync(StateKind kind, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
            inner.ListAsync(kind, labels, cancellationToken);

        public Task<StateDocument> CreateAsync(StateKind kind, StateDocument document, CancellationToken cancellationToken) =>
            inner.CreateAsync(kind, document, cancellationToken);

        public async Task<StateDocument> ReplaceAsync(StateKind kind, StateDocument document, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _pending, null) is { } first) await first();
            return await inner.ReplaceAsync(kind, document, cancellationToken);
        }

        public Task<bool> DeleteAsync(StateKind kind, string name, string? resourceVersion, CancellationToken cancellationToken) =>
            inner.DeleteAsync(kind, name, resourceVersion, cancellationToken);
    }

    [Fact]
    public async Task UpdateAsync_ReturningNull_DeletesTheDocument()
    {
        await _store.CreateAsync(StateKind.ConfigMap, Doc("gone", "a", "1"), Ct);

        var result = await _store.UpdateAsync(StateKind.ConfigMap, "gone", _ => null, Ct);

        Assert.Null(result);
        Assert.Null(await _store.GetAsync(StateKind.ConfigMap, "gone", Ct));
    }

    [Fact]
    public async Task Requests_UseTheDashboardsOwnIdentity_NeverImpersonation()
    {
        await _store.CreateAsync(StateKind.ConfigMap, Doc("mine", "a", "1"), Ct);

        var entry = Assert.Single(_server.Audit, e => e.Resource == "configmaps");
        Assert.False(entry.Impersonated);
        Assert.Equal("kube-system", entry.Namespace);
    }

    [Fact]
    public async Task UpdateAsync_TwoWritersThroughOneStore_TakeTurnsWithoutConflicts()
    {
        await _store.CreateAsync(StateKind.ConfigMap, StateDocument.New("turns", "test"), Ct);
        var reads = 0;

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => _store.UpdateAsync(StateKind.ConfigMap, "turns", d =>
        {
            Interlocked.Increment(ref reads);
            return d! with { Data = d.Data.SetItem($"k{i}", [(byte)i]) };
        }, Ct), Ct)));

        var stored = await _store.GetAsync(StateKind.ConfigMap, "turns", Ct);
        Assert.Equal(12, stored!.Data.Count);
        // In turn, every change was applied once: no write lost a race and had to be re-applied.
        Assert.Equal(12, reads);
    }
}
