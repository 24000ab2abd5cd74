using System.Collections.Immutable;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// <see cref="IDraftStore"/> in the cluster: one ConfigMap per user in the dashboard's state namespace, named after a
/// hash of the user's stable id, holding one <c>binaryData</c> entry per draft (gzip-compressed JSON).
/// <para>
/// Why a ConfigMap and not a Secret: a draft is policy YAML — nothing in it is a secret, and policies themselves
/// are readable by everyone who reads the cluster. ConfigMaps keep the dashboard's RBAC narrow: it may write
/// ConfigMaps in its namespace but read no Secret there other than its key ring (that namespace also holds the
/// OIDC client secret and the TLS key). Privacy between users is the dashboard's rule, enforced here: every call
/// works on the current user's ConfigMap only.
/// </para>
/// <para>
/// The user's key is <see cref="DashboardUser.Id"/> (the identity provider's <c>sub</c>), not the display name, which
/// two people may share; the owner is also written in an annotation and checked on every read. Two circuits of the
/// same user saving at once each re-read and re-apply their one change on a conflict (<see cref="StateUpdates"/>),
/// so neither draft is lost. Limits: <see cref="DraftAnalyzer.MaxLength"/> characters of YAML per draft,
/// <see cref="MaxDrafts"/> drafts per user, and <see cref="MaxStoredBytes"/> compressed bytes together (the API
/// server stores at most 1 MiB per ConfigMap).
/// </para>
/// </summary>
public sealed partial class ClusterDraftStore(IStateStore store, IMutationGuard guard, TimeProvider time) : IDraftStore
{
    public const int MaxDrafts = 50;

    /// <summary>Compressed bytes of one user's drafts together: the API server's 1 MiB per object, less room for metadata.</summary>
    public const int MaxStoredBytes = 1_000_000;

    public const int MaxTitleLength = 200;

    public const string DocumentKind = "drafts";

    /// <summary>Whose drafts a ConfigMap holds (the user's stable id).</summary>
    public const string OwnerAnnotation = "policy-dashboard.io/owner";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<Draft>> ListAsync(CancellationToken ct)
    {
        var user = guard.EnsureAdmin("list drafts");
        var document = Owned(await store.GetAsync(StateKind.ConfigMap, DocumentName(user), ct), user);
        return document is null
            ? []
            : document.Data.Values.Select(Decode)
                .OrderByDescending(d => d.UpdatedAt)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
    }

    public async Task<Draft?> GetAsync(string id, CancellationToken ct)
    {
        var user = guard.EnsureAdmin("read a draft");
        var document = Owned(await store.GetAsync(StateKind.ConfigMap, DocumentName(user), ct), user);
        return document is not null && document.Data.TryGetValue(id ?? "", out var bytes) ? Decode(bytes) : null;
    }

    [Mutating("save a draft")]
    public async Task<Draft> SaveAsync(Draft draft, CancellationToken ct)
    {
        var user = guard.EnsureAdmin("save a draft");
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Yaml.Length > DraftAnalyzer.MaxLength)
            throw new DraftRejectedException($"the draft is {draft.Yaml.Length:N0} characters; at most {DraftAnalyzer.MaxLength:N0} can be kept");
        if (draft.Id.Length > 0 && !IdPattern().IsMatch(draft.Id))
            throw new DraftRejectedException($"'{draft.Id}' is not a draft id (lowercase letters and digits, at most 40)");
        var title = draft.Title.Trim();
        if (title.Length > MaxTitleLength) title = title[..MaxTitleLength];
        var saved = draft with
        {
            Id = draft.Id.Length > 0 ? draft.Id : NewId(),
            Title = title,
            UpdatedAt = time.GetUtcNow(),
        };
        var encoded = Encode(saved);
        var name = DocumentName(user);
        await store.UpdateAsync(StateKind.ConfigMap, name, current =>
        {
            var document = Owned(current, user) ?? NewDocument(name, user);
            if (!document.Data.ContainsKey(saved.Id) && document.Data.Count >= MaxDrafts)
                throw new DraftRejectedException($"you have {document.Data.Count} drafts, the most that are kept: delete one first");
            var next = document with { Data = document.Data.SetItem(saved.Id, encoded) };
            if (next.PayloadBytes > MaxStoredBytes)
                throw new DraftRejectedException(
                    $"your drafts together would take {next.PayloadBytes:N0} bytes compressed; at most {MaxStoredBytes:N0} can be kept: delete some first");
            return next;
        }, ct);
        return saved;
    }

    [Mutating("delete a draft")]
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        var user = guard.EnsureAdmin("delete a draft");
        await store.UpdateAsync(StateKind.ConfigMap, DocumentName(user), current =>
        {
            var document = Owned(current, user);
            if (document is null || !document.Data.ContainsKey(id ?? "")) return current;
            var next = document with { Data = document.Data.Remove(id!) };
            return next.Data.IsEmpty ? null : next;
        }, ct);
    }

    /// <summary>The user's stable key: the IdP subject, or the name when there is none (Unsecured mode's local admin).</summary>
    internal static string OwnerKey(DashboardUser user) => user.Id.Length > 0 ? user.Id : user.Name;

    /// <summary><c>policy-dashboard-drafts-</c> and 20 hex digits of SHA-256 of the owner key: a valid name whatever the key holds.</summary>
    internal static string DocumentName(DashboardUser user) =>
        "policy-dashboard-drafts-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OwnerKey(user))))[..20];

    private static StateDocument NewDocument(string name, DashboardUser user)
    {
        var document = StateDocument.New(name, DocumentKind);
        return document with { Annotations = document.Annotations.SetItem(OwnerAnnotation, OwnerKey(user)) };
    }

    /// <summary>The document if it is this user's; a hash collision with another owner is refused rather than shared.</summary>
    private static StateDocument? Owned(StateDocument? document, DashboardUser user)
    {
        if (document is null) return null;
        if (document.Annotations.GetValueOrDefault(OwnerAnnotation) != OwnerKey(user))
            throw new DraftRejectedException("the drafts stored under your name belong to someone else; ask an operator to look at the dashboard's state namespace");
        return document;
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static byte[] Encode(Draft draft)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
            JsonSerializer.Serialize(gzip, draft, Json);
        return buffer.ToArray();
    }

    private static Draft Decode(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<Draft>(gzip, Json) ?? throw new InvalidDataException("a stored draft is empty");
    }

    [GeneratedRegex("^[a-z0-9]{1,40}$")]
    private static partial Regex IdPattern();
}
