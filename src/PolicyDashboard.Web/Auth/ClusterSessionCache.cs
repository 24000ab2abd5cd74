using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// The <see cref="IDistributedCache"/> behind <see cref="ServerSideTicketStore"/> when the key ring is in the cluster
/// (<c>DataProtection:Store</c> Secret): every session is one ConfigMap in the state namespace, so a session signed
/// in on one replica is found by every other, and survives restarts.
/// <para>
/// What is stored is only what the ticket store hands over: the ticket data-protected with the shared key ring
/// (authenticated encryption), never a readable token; the cookie in the browser carries only a random session key.
/// The ConfigMap's name is a hash of that key (its name does not reveal it) and it carries its expiry in an
/// annotation, so expired sessions are refused when read and removed by <see cref="SessionCleanup"/>.
/// Why ConfigMaps rather than Secrets: the payload is already ciphertext whose key is in the key-ring Secret, and it
/// keeps the dashboard's RBAC on Secrets to that one name — its namespace also holds the OIDC client secret and the
/// TLS key, which it must not be able to read.
/// </para>
/// <para>
/// Cost: one read from the API server per authenticated HTTP request (page loads, API calls; a Blazor circuit reads
/// its session when it connects and when it revalidates), no in-process copy — a sign-out on one replica takes effect
/// on every replica at once.
/// </para>
/// </summary>
public sealed class ClusterSessionCache(IStateStore store, TimeProvider time) : IDistributedCache
{
    public const string DocumentKind = "session";
    public const string ExpiresAnnotation = "policy-dashboard.io/expires";
    public const string SlidingAnnotation = "policy-dashboard.io/sliding-seconds";
    private const string ValueKey = "value";

    /// <summary>A session's ConfigMap name: <c>policy-dashboard-session-</c> and 40 hex digits of SHA-256 of the cache key.</summary>
    public static string DocumentName(string key) =>
        "policy-dashboard-session-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40];

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var document = await store.GetAsync(StateKind.ConfigMap, DocumentName(key), token).ConfigureAwait(false);
        if (document is null || !document.Data.TryGetValue(ValueKey, out var value)) return null;
        var now = time.GetUtcNow();
        if (Expires(document) is { } expires && expires <= now)
        {
            await store.DeleteAsync(StateKind.ConfigMap, document.Name, document.ResourceVersion, token).ConfigureAwait(false);
            return null;
        }
        // A sliding session read in the second half of its window is extended (not on every read: that would write
        // to the API server on every request).
        if (Sliding(document) is { } sliding && Expires(document) is { } until && until - now < sliding / 2)
            await RefreshAsync(key, token).ConfigureAwait(false);
        return value;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var now = time.GetUtcNow();
        var expires = options.AbsoluteExpiration
                      ?? (options.AbsoluteExpirationRelativeToNow is { } relative ? now + relative : (DateTimeOffset?)null);
        if (options.SlidingExpiration is { } sliding && (expires is null || now + sliding < expires)) expires = now + sliding;
        var name = DocumentName(key);
        await store.UpdateAsync(StateKind.ConfigMap, name, current =>
        {
            var document = current ?? StateDocument.New(name, DocumentKind);
            var annotations = document.Annotations.Remove(ExpiresAnnotation).Remove(SlidingAnnotation);
            if (expires is { } e) annotations = annotations.SetItem(ExpiresAnnotation, e.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            if (options.SlidingExpiration is { } s)
                annotations = annotations.SetItem(SlidingAnnotation, ((long)s.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            return document with { Annotations = annotations, Data = document.Data.Clear().SetItem(ValueKey, value) };
        }, token).ConfigureAwait(false);
    }

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        await store.UpdateAsync(StateKind.ConfigMap, DocumentName(key), current =>
        {
            if (current is null || Sliding(current) is not { } sliding) return current;
            var expires = time.GetUtcNow() + sliding;
            return current with { Annotations = current.Annotations.SetItem(ExpiresAnnotation, expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) };
        }, token).ConfigureAwait(false);
    }

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        store.DeleteAsync(StateKind.ConfigMap, DocumentName(key), null, token);

    /// <summary>When a stored session expires; null when it never does.</summary>
    public static DateTimeOffset? Expires(StateDocument document) =>
        document.Annotations.TryGetValue(ExpiresAnnotation, out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    private static TimeSpan? Sliding(StateDocument document) =>
        document.Annotations.TryGetValue(SlidingAnnotation, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s)
            : null;
}
