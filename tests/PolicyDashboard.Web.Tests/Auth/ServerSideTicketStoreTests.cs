using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class ServerSideTicketStoreTests
{
    private readonly RecordingCache _cache = new();
    private readonly ServerSideTicketStore _store;

    public ServerSideTicketStoreTests()
    {
        _store = new ServerSideTicketStore(_cache, new EphemeralDataProtectionProvider(), TimeProvider.System);
    }

    private static AuthenticationTicket Ticket()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "ada"), new Claim("groups", "cluster-admins")], "oidc"));
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        properties.StoreTokens([
            new AuthenticationToken { Name = "access_token", Value = "ACCESS-TOKEN-VALUE" },
            new AuthenticationToken { Name = "refresh_token", Value = "REFRESH-TOKEN-VALUE" },
        ]);
        return new AuthenticationTicket(principal, properties, "Cookies");
    }

    [Fact]
    public async Task StoreThenRetrieve_Ticket_RoundTripsPrincipalAndTokens()
    {
        var key = await _store.StoreAsync(Ticket());

        var back = await _store.RetrieveAsync(key);

        Assert.NotNull(back);
        Assert.Equal("ada", back.Principal.FindFirst("sub")?.Value);
        Assert.Equal("REFRESH-TOKEN-VALUE", back.Properties.GetTokenValue("refresh_token"));
        Assert.Equal(key, back.Principal.FindFirst(DashboardClaims.SessionKey)?.Value);
    }

    [Fact]
    public async Task Store_Ticket_KeepsTokensEncryptedAtRest()
    {
        await _store.StoreAsync(Ticket());

        var stored = Encoding.UTF8.GetString(Assert.Single(_cache.Values));
        Assert.DoesNotContain("ACCESS-TOKEN-VALUE", stored);
        Assert.DoesNotContain("REFRESH-TOKEN-VALUE", stored);
    }

    [Fact]
    public async Task Store_TwoTickets_GivesDistinctUnguessableKeys()
    {
        var a = await _store.StoreAsync(Ticket());
        var b = await _store.StoreAsync(Ticket());

        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 40, $"key '{a}' is too short to be unguessable");
    }

    [Fact]
    public async Task Remove_StoredTicket_IsGone()
    {
        var key = await _store.StoreAsync(Ticket());

        await _store.RemoveAsync(key);

        Assert.Null(await _store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Retrieve_TicketFromAnotherKeyRing_IsNullNotAnError()
    {
        var key = await _store.StoreAsync(Ticket());
        var otherRing = new ServerSideTicketStore(_cache, new EphemeralDataProtectionProvider(), TimeProvider.System);

        Assert.Null(await otherRing.RetrieveAsync(key));
    }

    /// <summary>A real in-memory distributed cache that also exposes what was written.</summary>
    private sealed class RecordingCache : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));
        private readonly Dictionary<string, byte[]> _values = [];

        public IEnumerable<byte[]> Values => _values.Values;
        public byte[]? Get(string key) => _inner.Get(key);
        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => _inner.GetAsync(key, token);
        public void Refresh(string key) => _inner.Refresh(key);
        public Task RefreshAsync(string key, CancellationToken token = default) => _inner.RefreshAsync(key, token);
        public void Remove(string key) { _values.Remove(key); _inner.Remove(key); }
        public Task RemoveAsync(string key, CancellationToken token = default) { _values.Remove(key); return _inner.RemoveAsync(key, token); }
        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) { _values[key] = value; _inner.Set(key, value, options); }
        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            _values[key] = value;
            return _inner.SetAsync(key, value, options, token);
        }
    }
}
