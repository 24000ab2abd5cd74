using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// The objects that can change verdicts and differ between two snapshots, as <see cref="ClusterChange"/>s in an order
/// that <see cref="FastReachability.Apply"/> can follow one at a time. Services, EndpointSlices and Ingresses never
/// change a verdict (a Service's ClusterIP is an external address to NetworkPolicy: the API reference leaves
/// Service VIPs undefined for ipBlock, and policies see the backend pod after translation), so they are not listed.
/// Unchanged objects of an immutable snapshot are the same instances, so the comparison is by reference.
/// </summary>
public static class SnapshotDelta
{
    public static IReadOnlyList<ClusterChange> Between(ClusterSnapshot before, ClusterSnapshot after)
    {
        var changes = new List<ClusterChange>();
        if (!ReferenceEquals(before.Nodes, after.Nodes) && Changed(before.Nodes, after.Nodes).Any())
            changes.Add(new ClusterChange.Other("nodes"));
        changes.AddRange(Changed(before.Namespaces, after.Namespaces).Select(k => new ClusterChange.Namespace(k.Name)));
        changes.AddRange(Changed(before.Pods, after.Pods).Select(k => new ClusterChange.Pod(k)));
        changes.AddRange(Changed(before.NetworkPolicies, after.NetworkPolicies).Select(k => new ClusterChange.NetworkPolicy(k)));
        changes.AddRange(Changed(before.AdminPolicies, after.AdminPolicies).Select(k => new ClusterChange.AdminPolicy(k)));
        return changes;
    }

    /// <summary>
    /// <paramref name="current"/> with the one object named by <paramref name="change"/> taken from
    /// <paramref name="target"/> (added, replaced or removed): the intermediate snapshot that lets several changes be
    /// applied one by one.
    /// </summary>
    public static ClusterSnapshot Step(ClusterSnapshot current, ClusterSnapshot target, ClusterChange change) => change switch
    {
        ClusterChange.Namespace ns => current with { Namespaces = Take(current.Namespaces, target.Namespaces, new ObjectKey("", ns.Name)) },
        ClusterChange.Pod pod => current with { Pods = Take(current.Pods, target.Pods, pod.Key) },
        ClusterChange.NetworkPolicy np => current with { NetworkPolicies = Take(current.NetworkPolicies, target.NetworkPolicies, np.Key) },
        ClusterChange.AdminPolicy ap => current with { AdminPolicies = Take(current.AdminPolicies, target.AdminPolicies, ap.Key) },
        _ => current with { Nodes = target.Nodes },
    };

    private static ImmutableDictionary<TKey, TValue> Take<TKey, TValue>(ImmutableDictionary<TKey, TValue> current, ImmutableDictionary<TKey, TValue> target, TKey key)
        where TKey : notnull =>
        target.TryGetValue(key, out var value) ? current.SetItem(key, value) : current.Remove(key);

    private static IEnumerable<TKey> Changed<TKey, TValue>(ImmutableDictionary<TKey, TValue> before, ImmutableDictionary<TKey, TValue> after)
        where TKey : notnull where TValue : class
    {
        if (ReferenceEquals(before, after)) yield break;
        foreach (var (key, value) in after)
            if (!before.TryGetValue(key, out var old) || !ReferenceEquals(old, value)) yield return key;
        foreach (var key in before.Keys)
            if (!after.ContainsKey(key)) yield return key;
    }
}
