using System.Collections.Immutable;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Auth;
using PolicyDashboard.Web.Tests.State;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>The composer's drafts, kept per user in the embedded API server's ConfigMaps.</summary>
public sealed class DraftStoreTests : IAsyncLifetime
{
    private const string Yaml = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: d, namespace: shop}\nspec: {podSelector: {}}\n";

    private static readonly DashboardUser Ada = new("sub-ada", "Ada", ["admins"], DashboardRole.Admin, true, false);
    private static readonly DashboardUser Bob = new("sub-bob", "Bob", ["admins"], DashboardRole.Admin, true, false);
    private static readonly DashboardUser Audrey = new("sub-audrey", "Audrey", ["auditors"], DashboardRole.Auditor, true, false);

    private SandboxStateStore _sandbox = null!;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxStateStore.StartAsync(Ct);
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    private sealed class Monitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    private ClusterDraftStore StoreFor(DashboardUser user) => new(
        _sandbox.Store,
        new MutationGuard(new FixedUser(new DashboardUserHolder(user)), new Monitor<DashboardOptions>(new DashboardOptions()), NullLogger<MutationGuard>.Instance),
        _clock);

    private static Draft New(string title, string yaml = Yaml) => new("", title, yaml, "shop", default, null);

    [Fact]
    public async Task SaveAsync_NewDraft_AssignsIdAndTimeAndIsListedAndReadBack()
    {
        var store = StoreFor(Ada);

        var saved = await store.SaveAsync(New("allow redis") with { Source = "edit default/allow-redis@rv123" }, Ct);
        var listed = await store.ListAsync(Ct);
        var read = await store.GetAsync(saved.Id, Ct);

        Assert.Matches("^[a-z0-9]+$", saved.Id);
        Assert.Equal(_clock.Now, saved.UpdatedAt);
        Assert.Equal(saved, Assert.Single(listed));
        Assert.Equal(saved, read);
        Assert.Equal("edit default/allow-redis@rv123", read!.Source);
    }

    [Fact]
    public async Task SaveAsync_ExistingId_ReplacesTheDraft()
    {
        var store = StoreFor(Ada);
        var first = await store.SaveAsync(New("first"), Ct);
        _clock.Now += TimeSpan.FromMinutes(1);

        var second = await store.SaveAsync(first with { Title = "renamed", Yaml = Yaml + "# more\n" }, Ct);

        var only = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("renamed", only.Title);
        Assert.EndsWith("# more\n", only.Yaml, StringComparison.Ordinal);
        Assert.Equal(_clock.Now, only.UpdatedAt);
    }

    [Fact]
    public async Task ListAsync_SeveralDrafts_NewestFirst()
    {
        var store = StoreFor(Ada);
        foreach (var title in new[] { "old", "middle", "new" })
        {
            await store.SaveAsync(New(title), Ct);
            _clock.Now += TimeSpan.FromMinutes(1);
        }

        var titles = (await store.ListAsync(Ct)).Select(d => d.Title);

        Assert.Equal(["new", "middle", "old"], titles);
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var store = StoreFor(Ada);
        await store.SaveAsync(New("one"), Ct);

        Assert.Null(await store.GetAsync("0123456789abcdef", Ct));
        Assert.Null(await store.GetAsync("../etc", Ct));
    }

    [Fact]
    public async Task DeleteAsync_LastDraft_RemovesTheUsersConfigMap()
    {
        var store = StoreFor(Ada);
        var keep = await store.SaveAsync(New("keep"), Ct);
        var drop = await store.SaveAsync(New("drop"), Ct);

        await store.DeleteAsync(drop.Id, Ct);
        var afterOne = await store.ListAsync(Ct);
        await store.DeleteAsync(keep.Id, Ct);
        await store.DeleteAsync(keep.Id, Ct);

        Assert.Equal(keep.Id, Assert.Single(afterOne).Id);
        Assert.Empty(await store.ListAsync(Ct));
        Assert.Empty(await _sandbox.Store.ListAsync(StateKind.ConfigMap, new Dictionary<string, string> { [StateDocument.KindLabel] = "drafts" }, Ct));
    }

    [Fact]
    public async Task Drafts_AnotherUser_CanNeitherSeeNorChangeThem()
    {
        var ada = StoreFor(Ada);
        var bob = StoreFor(Bob);
        var adas = await ada.SaveAsync(New("ada's"), Ct);

        var bobSees = await bob.ListAsync(Ct);
        var bobReads = await bob.GetAsync(adas.Id, Ct);
        await bob.DeleteAsync(adas.Id, Ct);
        var bobs = await bob.SaveAsync(adas with { Title = "overwritten by bob" }, Ct);

        Assert.Empty(bobSees);
        Assert.Null(bobReads);
        Assert.Equal("ada's", Assert.Single(await ada.ListAsync(Ct)).Title);
        Assert.Equal("overwritten by bob", Assert.Single(await bob.ListAsync(Ct)).Title);
        Assert.Equal(adas.Id, bobs.Id);
    }

    [Fact]
    public async Task Drafts_SameDisplayNameDifferentSubjects_AreKeptApart()
    {
        var first = StoreFor(Ada);
        var namesake = StoreFor(Ada with { Id = "sub-other-ada" });

        await first.SaveAsync(New("mine"), Ct);

        Assert.Empty(await namesake.ListAsync(Ct));
    }

    [Fact]
    public async Task EveryCall_Auditor_RefusedAndNothingWritten()
    {
        var adas = await StoreFor(Ada).SaveAsync(New("ada's"), Ct);
        var auditor = StoreFor(Audrey);
        var writes = _sandbox.Server.WriteCount;
        var requests = _sandbox.Server.Audit.Count;

        await Assert.ThrowsAsync<DashboardForbiddenException>(() => auditor.SaveAsync(New("audit"), Ct));
        await Assert.ThrowsAsync<DashboardForbiddenException>(() => auditor.DeleteAsync(adas.Id, Ct));
        await Assert.ThrowsAsync<DashboardForbiddenException>(() => auditor.ListAsync(Ct));
        await Assert.ThrowsAsync<DashboardForbiddenException>(() => auditor.GetAsync(adas.Id, Ct));

        Assert.Equal(writes, _sandbox.Server.WriteCount);
        Assert.Equal(requests, _sandbox.Server.Audit.Count);
    }

    [Fact]
    public async Task SaveAsync_YamlOverTheLimit_RejectedWithTheLimit()
    {
        var e = await Assert.ThrowsAsync<DraftRejectedException>(() =>
            StoreFor(Ada).SaveAsync(New("huge", new string('#', DraftAnalyzer.MaxLength + 1)), Ct));

        Assert.Contains(DraftAnalyzer.MaxLength.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_LargestAllowedYaml_IsKept()
    {
        var store = StoreFor(Ada);
        var yaml = string.Concat(Enumerable.Repeat(Yaml, DraftAnalyzer.MaxLength / Yaml.Length)).PadRight(DraftAnalyzer.MaxLength, '#');

        var saved = await store.SaveAsync(New("largest", yaml), Ct);

        Assert.Equal(DraftAnalyzer.MaxLength, (await store.GetAsync(saved.Id, Ct))!.Yaml.Length);
    }

    [Fact]
    public async Task SaveAsync_MoreThanFiftyDrafts_RejectedClearly()
    {
        var store = StoreFor(Ada);
        Draft? first = null;
        for (var i = 0; i < ClusterDraftStore.MaxDrafts; i++) first ??= await store.SaveAsync(New($"draft {i}"), Ct);
        for (var i = 1; i < ClusterDraftStore.MaxDrafts; i++) await store.SaveAsync(New($"draft {i}"), Ct);

        var e = await Assert.ThrowsAsync<DraftRejectedException>(() => store.SaveAsync(New("one too many"), Ct));
        var replaced = await store.SaveAsync(first! with { Title = "still editable" }, Ct);

        Assert.Contains("50 drafts", e.Message, StringComparison.Ordinal);
        Assert.Equal(ClusterDraftStore.MaxDrafts, (await store.ListAsync(Ct)).Count);
        Assert.Equal("still editable", replaced.Title);
    }

    [Fact]
    public async Task SaveAsync_InvalidId_Rejected() =>
        await Assert.ThrowsAsync<DraftRejectedException>(() => StoreFor(Ada).SaveAsync(New("x") with { Id = "Not/AnId" }, Ct));

    [Fact]
    public async Task SaveAsync_TwoCircuitsOfOneUserAtOnce_NoDraftLost()
    {
        var circuitA = StoreFor(Ada);
        var circuitB = StoreFor(Ada);
        // Each conflict one circuit meets is a save of the other (eight at most), fewer than StateUpdates.MaxAttempts.

        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 8; i++) await circuitA.SaveAsync(New($"a{i}"), Ct); }, Ct),
            Task.Run(async () => { for (var i = 0; i < 8; i++) await circuitB.SaveAsync(New($"b{i}"), Ct); }, Ct));

        Assert.Equal(16, (await circuitA.ListAsync(Ct)).Select(d => d.Title).Distinct().Count());
    }

    [Fact]
    public async Task SaveAsync_StoredAsALabelledConfigMapInTheStateNamespace()
    {
        await StoreFor(Ada).SaveAsync(New("labelled"), Ct);
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = _sandbox.Server.BaseAddress.ToString() });

        var maps = await client.CoreV1.ListNamespacedConfigMapAsync("kube-system",
            labelSelector: "app.kubernetes.io/managed-by=policy-dashboard,policy-dashboard.io/kind=drafts", cancellationToken: Ct);

        var map = Assert.Single(maps.Items);
        Assert.Equal("sub-ada", map.Metadata.Annotations[ClusterDraftStore.OwnerAnnotation]);
        Assert.Single(map.BinaryData);
        Assert.DoesNotContain(_sandbox.Server.Audit, e => e.Impersonated);
    }
}
