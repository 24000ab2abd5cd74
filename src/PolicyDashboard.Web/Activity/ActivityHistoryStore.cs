using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Kube.State;

namespace PolicyDashboard.Web.Activity;

/// <summary>What the activity history keeps in the cluster: the entries, newest first, and the policy versions last seen.</summary>
public sealed record ActivityHistory(ImmutableArray<ActivityEntry> Entries, ImmutableDictionary<ActivityPolicyKey, string>? Versions);

/// <summary>
/// Keeps the activity history in the dashboard's state namespace, so it survives restarts and is shared by replicas.
/// <para>
/// Two ConfigMaps (the history is evidence for auditors, not a secret), each one gzip-compressed JSON entry in
/// <c>binaryData</c>: <see cref="EntriesName"/> holds the newest <see cref="MaxEntries"/> entries (fewer when they
/// would not fit in <see cref="MaxBytes"/> compressed: the API server keeps at most 1 MiB per object);
/// <see cref="VersionsName"/> holds the fingerprint of every policy last seen, which lets a starting dashboard record
/// what changed while it was down. They are separate because the versions grow with the cluster (a few bytes per
/// policy compressed) and must not crowd out the history.
/// </para>
/// Appends merge by entry id under optimistic concurrency, so two replicas recording the same change keep one entry.
/// </summary>
public sealed class ActivityHistoryStore(IStateStore store)
{
    public const string EntriesName = "policy-dashboard-activity";
    public const string VersionsName = "policy-dashboard-activity-versions";
    public const string DocumentKind = "activity";
    public const int MaxEntries = 500;
    public const int MaxBytes = 1_000_000;

    private const string EntriesKey = "entries.json.gz";
    private const string VersionsKey = "versions.json.gz";

    public async Task<ActivityHistory> LoadAsync(CancellationToken cancellationToken)
    {
        var entries = await store.GetAsync(StateKind.ConfigMap, EntriesName, cancellationToken).ConfigureAwait(false);
        var versions = await store.GetAsync(StateKind.ConfigMap, VersionsName, cancellationToken).ConfigureAwait(false);
        return new ActivityHistory(Entries(entries), versions is null ? null : Versions(versions));
    }

    /// <summary>
    /// Adds <paramref name="added"/> (entries already stored are kept once) and records <paramref name="versions"/>;
    /// returns the stored history's entries.
    /// </summary>
    public async Task<ImmutableArray<ActivityEntry>> AppendAsync(
        IReadOnlyList<ActivityEntry> added, ImmutableDictionary<ActivityPolicyKey, string> versions, CancellationToken cancellationToken)
    {
        var result = ImmutableArray<ActivityEntry>.Empty;
        await store.UpdateAsync(StateKind.ConfigMap, EntriesName, current =>
        {
            var stored = Entries(current);
            var known = stored.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            if (current is not null && added.All(e => known.Contains(e.Id)))
            {
                result = stored;
                return current;
            }
            var bytes = Fit(Merge(stored, added), out result);
            var document = current ?? StateDocument.New(EntriesName, DocumentKind);
            return document with { Data = document.Data.SetItem(EntriesKey, bytes) };
        }, cancellationToken).ConfigureAwait(false);
        var encoded = Compress(versions.OrderBy(v => v.Key.Kind, StringComparer.Ordinal).ThenBy(v => v.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(v => v.Key.Name, StringComparer.Ordinal).Select(v => new[] { v.Key.Kind, v.Key.Namespace, v.Key.Name, v.Value }).ToArray());
        // Too many policies to remember in one object: changes made while the dashboard is down then go unseen.
        if (encoded.Length <= MaxBytes)
            await store.UpdateAsync(StateKind.ConfigMap, VersionsName, current =>
            {
                if (current?.Data.TryGetValue(VersionsKey, out var old) == true && old.AsSpan().SequenceEqual(encoded)) return current;
                var document = current ?? StateDocument.New(VersionsName, DocumentKind);
                return document with { Data = document.Data.SetItem(VersionsKey, encoded) };
            }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Stored and added entries, one per id, newest first, at most <see cref="MaxEntries"/>.</summary>
    public static ImmutableArray<ActivityEntry> Merge(IEnumerable<ActivityEntry> stored, IEnumerable<ActivityEntry> added) =>
        [.. stored.Concat(added)
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderByDescending(e => e.ObservedAt)
            .ThenByDescending(e => e.When)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .Take(MaxEntries)];

    /// <summary>The entries compressed, dropping the oldest until they fit in <see cref="MaxBytes"/>.</summary>
    private static byte[] Fit(ImmutableArray<ActivityEntry> entries, out ImmutableArray<ActivityEntry> kept)
    {
        kept = entries;
        while (true)
        {
            var bytes = Compress(kept);
            if (bytes.Length <= MaxBytes || kept.IsEmpty) return bytes;
            kept = kept[..(kept.Length * 9 / 10)];
        }
    }

    private static ImmutableArray<ActivityEntry> Entries(StateDocument? document) =>
        document?.Data.TryGetValue(EntriesKey, out var bytes) == true ? Decompress<ImmutableArray<ActivityEntry>>(bytes) : [];

    private static ImmutableDictionary<ActivityPolicyKey, string>? Versions(StateDocument document)
    {
        if (!document.Data.TryGetValue(VersionsKey, out var bytes)) return null;
        return Decompress<string[][]>(bytes)
            .Where(v => v.Length == 4)
            .ToImmutableDictionary(v => new ActivityPolicyKey(v[0], v[1], v[2]), v => v[3]);
    }

    private static byte[] Compress<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
            JsonSerializer.Serialize(gzip, value, ActivityJson.Options);
        return buffer.ToArray();
    }

    private static T Decompress<T>(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, ActivityJson.Options)!;
    }
}
