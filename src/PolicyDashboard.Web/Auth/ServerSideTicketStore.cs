using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// Keeps sessions (principal and OIDC tokens) on the server, so the auth cookie carries only an encrypted session
/// key and no token ever reaches the browser. Tickets are data-protected at rest in an
/// <see cref="IDistributedCache"/>: in memory with a key directory, in the cluster's state namespace
/// (<see cref="ClusterSessionCache"/>) when the key ring is a Secret, so every replica and restart finds them.
/// </summary>
internal sealed class ServerSideTicketStore(IDistributedCache cache, IDataProtectionProvider dataProtection, TimeProvider time)
    : ITicketStore
{
    private const string KeyPrefix = "policydash-session:";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("PolicyDashboard.Auth.ServerSideTicketStore.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // The key travels with the stored principal so a circuit can find its session again for revalidation.
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(DashboardClaims.SessionKey).ToArray()) identity.RemoveClaim(old);
            identity.AddClaim(new Claim(DashboardClaims.SessionKey, key));
        }
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var bytes = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var entry = new DistributedCacheEntryOptions();
        var expires = ticket.Properties.ExpiresUtc;
        if (expires is { } e && e > time.GetUtcNow()) entry.AbsoluteExpiration = e;
        else entry.SlidingExpiration = TimeSpan.FromHours(1);
        return cache.SetAsync(KeyPrefix + key, bytes, entry);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = await cache.GetAsync(KeyPrefix + key);
        if (bytes is null) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(bytes));
        }
        catch (CryptographicException)
        {
            // Written under a key ring that is gone: the session is lost, the user signs in again.
            await cache.RemoveAsync(KeyPrefix + key);
            return null;
        }
    }

    public Task RemoveAsync(string key) => cache.RemoveAsync(KeyPrefix + key);
}
