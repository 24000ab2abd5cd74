using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Activity;

/// <summary>
/// Finds the policies (NetworkPolicies and the admin tiers) that changed between two states. A policy counts as
/// updated only when its <see cref="PolicyFingerprint"/> differs — spec, labels or annotations — so a new
/// resourceVersion alone (status, managedFields timestamps, a no-op apply) is not activity. Changes come in a stable
/// order: NetworkPolicies by namespace and name, then admin policies by kind and name.
/// </summary>
public static class PolicyChangeDetector
{
    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, both fully observed.</summary>
    public static IReadOnlyList<PolicyChange> Between(ClusterSnapshot before, ClusterSnapshot after)
    {
        var changes = new List<PolicyChange>();
        foreach (var key in Keys(before.NetworkPolicies, after.NetworkPolicies))
        {
            var was = before.NetworkPolicies.GetValueOrDefault(key);
            var now = after.NetworkPolicies.GetValueOrDefault(key);
            // Unchanged objects are shared between snapshots: most of a large cluster is skipped here.
            if (ReferenceEquals(was, now)) continue;
            if (Classify(was is null ? null : PolicyFingerprint.Of(was), now is null ? null : PolicyFingerprint.Of(now)) is { } c)
                changes.Add(new PolicyChange(ActivityPolicyKey.Of((now ?? was)!), c.Action, c.Fingerprint, NetworkBefore: was, NetworkAfter: now));
        }
        foreach (var key in AdminKeys(before.AdminPolicies, after.AdminPolicies))
        {
            var was = before.AdminPolicies.GetValueOrDefault(key);
            var now = after.AdminPolicies.GetValueOrDefault(key);
            if (ReferenceEquals(was, now)) continue;
            if (Classify(was is null ? null : PolicyFingerprint.Of(was), now is null ? null : PolicyFingerprint.Of(now)) is { } c)
                changes.Add(new PolicyChange(ActivityPolicyKey.Of((now ?? was)!), c.Action, c.Fingerprint, AdminBefore: was, AdminAfter: now));
        }
        return changes;
    }

    /// <summary>
    /// The changes from the versions remembered before a restart (<paramref name="known"/>: key → fingerprint) to the
    /// first state observed after it. Only the state after is known, so every change is marked
    /// <see cref="PolicyChange.SeenAtStart"/>; a deleted policy carries its last known fingerprint.
    /// </summary>
    public static IReadOnlyList<PolicyChange> SinceKnown(IReadOnlyDictionary<ActivityPolicyKey, string> known, ClusterSnapshot now)
    {
        var changes = new List<PolicyChange>();
        foreach (var p in now.NetworkPolicies.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var key = ActivityPolicyKey.Of(p);
            if (Classify(known.GetValueOrDefault(key), PolicyFingerprint.Of(p)) is { } c)
                changes.Add(new PolicyChange(key, c.Action, c.Fingerprint, NetworkAfter: p, SeenAtStart: true));
        }
        foreach (var p in now.AdminPolicies.Values.OrderBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            var key = ActivityPolicyKey.Of(p);
            if (Classify(known.GetValueOrDefault(key), PolicyFingerprint.Of(p)) is { } c)
                changes.Add(new PolicyChange(key, c.Action, c.Fingerprint, AdminAfter: p, SeenAtStart: true));
        }
        var present = PolicyFingerprint.All(now);
        foreach (var (key, fingerprint) in known.OrderBy(k => k.Key.Kind, StringComparer.Ordinal).ThenBy(k => k.Key.Namespace, StringComparer.Ordinal).ThenBy(k => k.Key.Name, StringComparer.Ordinal))
            if (!present.ContainsKey(key))
                changes.Add(new PolicyChange(key, ActivityAction.Deleted, fingerprint, SeenAtStart: true));
        return changes;
    }

    private static (ActivityAction Action, string Fingerprint)? Classify(string? before, string? after) => (before, after) switch
    {
        (null, null) => null,
        (null, { } a) => (ActivityAction.Created, a),
        ({ } b, null) => (ActivityAction.Deleted, b),
        ({ } b, { } a) when b != a => (ActivityAction.Updated, a),
        _ => null,
    };

    /// <summary>
    /// The keys whose object is not the same instance in both states, in order. Unchanged objects are shared between
    /// snapshots, so a large cluster costs one lookup per policy and the sort only covers what changed.
    /// </summary>
    private static IEnumerable<ObjectKey> Keys(ImmutableDictionary<ObjectKey, NetworkPolicyInfo> a, ImmutableDictionary<ObjectKey, NetworkPolicyInfo> b) =>
        Candidates(a, b).OrderBy(k => k.Namespace, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal);

    private static IEnumerable<AdminPolicyKey> AdminKeys(ImmutableDictionary<AdminPolicyKey, AdminPolicyInfo> a, ImmutableDictionary<AdminPolicyKey, AdminPolicyInfo> b) =>
        Candidates(a, b).OrderBy(k => k.Kind).ThenBy(k => k.Name, StringComparer.Ordinal);

    private static List<TKey> Candidates<TKey, TValue>(ImmutableDictionary<TKey, TValue> a, ImmutableDictionary<TKey, TValue> b)
        where TKey : notnull where TValue : class
    {
        var keys = new List<TKey>();
        if (ReferenceEquals(a, b)) return keys;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !ReferenceEquals(value, other)) keys.Add(key);
        foreach (var key in b.Keys)
            if (!a.ContainsKey(key)) keys.Add(key);
        return keys;
    }
}
