using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Tests.State;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>Sessions kept as ConfigMaps in the embedded API server: expiry, sliding renewal and the cleanup sweep.</summary>
public sealed class ClusterSessionCacheTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
    private SandboxStateStore _sandbox = null!;
    private ClusterSessionCache _cache = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxStateStore.StartAsync(Ct);
        _cache = new ClusterSessionCache(_sandbox.Store, _clock);
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();

    [Fact]
    public async Task Get_BeforeAndAfterAbsoluteExpiry_ValueThenNothingAndTheConfigMapIsGone()
    {
        await _cache.SetAsync("k", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.Now.AddHours(1) }, Ct);

        var before = await _cache.GetAsync("k", Ct);
        _clock.Now = _clock.Now.AddHours(2);
        var after = await _cache.GetAsync("k", Ct);

        Assert.Equal(new byte[] { 1, 2, 3 }, before);
        Assert.Null(after);
        Assert.Null(await _sandbox.Store.GetAsync(StateKind.ConfigMap, ClusterSessionCache.DocumentName("k"), Ct));
    }

    [Fact]
    public async Task Get_SlidingSessionReadLateInItsWindow_IsExtended()
    {
        await _cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) }, Ct);

        _clock.Now = _clock.Now.AddMinutes(40);
        Assert.NotNull(await _cache.GetAsync("k", Ct));
        _clock.Now = _clock.Now.AddMinutes(40);

        Assert.NotNull(await _cache.GetAsync("k", Ct));
    }

    [Fact]
    public async Task Sweep_ExpiredAndLiveSessions_RemovesOnlyTheExpired()
    {
        await _cache.SetAsync("old", [1], new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.Now.AddMinutes(5) }, Ct);
        await _cache.SetAsync("live", [2], new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.Now.AddHours(5) }, Ct);
        _clock.Now = _clock.Now.AddHours(1);

        var removed = await new SessionCleanup(_sandbox.Store, _clock, NullLogger<SessionCleanup>.Instance).SweepAsync(Ct);

        Assert.Equal(1, removed);
        Assert.Null(await _sandbox.Store.GetAsync(StateKind.ConfigMap, ClusterSessionCache.DocumentName("old"), Ct));
        Assert.Equal(new byte[] { 2 }, await _cache.GetAsync("live", Ct));
    }
}
