using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Diff;

/// <summary>
/// Compares what two states allow: the same pods (those present in both), different policies. Every ordered pair of
/// distinct pods is probed on each port/protocol the destination declares plus every port a policy of either state
/// names (port, endPort, range start and end), with one engine per state. A pod reaching itself is always allowed
/// and never compared.
/// </summary>
public static class ReachabilityDiffer
{
    /// <summary>The engine a diff uses unless told otherwise.</summary>
    public static IReachabilityEngine DefaultEngine(ClusterSnapshot snapshot) => ReferenceEngine.For(snapshot);

    public static ReachabilityDiff Compare(
        ClusterSnapshot before,
        ClusterSnapshot after,
        Func<ClusterSnapshot, IReachabilityEngine>? engineFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        engineFactory ??= DefaultEngine;

        // Pods outside namespaces whose NetworkPolicies changed are decided identically in both states, unless an
        // admin-tier policy changed: a verdict depends only on the policies of the source's and destination's
        // namespaces and on the admin tiers.
        var changedNamespaces = ChangedNamespaces(before.NetworkPolicies, after.NetworkPolicies);
        var adminChanged = !SameEntries(before.AdminPolicies, after.AdminPolicies);
        if (changedNamespaces.Count == 0 && !adminChanged) return ReachabilityDiff.Empty;

        var pods = before.Pods.Keys.Where(after.Pods.ContainsKey)
            .OrderBy(k => k.Namespace, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => (Before: before.Pods[k], After: after.Pods[k])).ToList();
        var mentioned = PolicyPorts.Mentioned(before).Union(PolicyPorts.Mentioned(after)).ToList();

        var engineBefore = engineFactory(before);
        var engineAfter = engineFactory(after);
        var groups = new Dictionary<(DiffWorkload, DiffWorkload, int, Protocol, ConnectionChange), (int Count, ObjectKey Source, ObjectKey Destination)>();
        long compared = 0;

        foreach (var destination in pods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ports = PolicyPorts.Served(destination.After).Union(mentioned).OrderBy(p => p.Protocol).ThenBy(p => p.Port).ToList();
            if (ports.Count == 0) continue;
            var dstBefore = Endpoint.Of(destination.Before);
            var dstAfter = Endpoint.Of(destination.After);
            foreach (var source in pods)
            {
                if (source.After.Key == destination.After.Key) continue;
                if (!adminChanged && !changedNamespaces.Contains(source.After.Namespace) && !changedNamespaces.Contains(destination.After.Namespace)) continue;
                var srcBefore = Endpoint.Of(source.Before);
                var srcAfter = Endpoint.Of(source.After);
                foreach (var (port, protocol) in ports)
                {
                    compared++;
                    var was = engineBefore.Evaluate(srcBefore, dstBefore, port, protocol).Allowed;
                    var now = engineAfter.Evaluate(srcAfter, dstAfter, port, protocol).Allowed;
                    if (was == now) continue;
                    var key = (DiffWorkload.Of(source.After), DiffWorkload.Of(destination.After), port, protocol, now ? ConnectionChange.Allowed : ConnectionChange.Denied);
                    groups[key] = groups.TryGetValue(key, out var g) ? (g.Count + 1, g.Source, g.Destination) : (1, source.After.Key, destination.After.Key);
                }
            }
        }

        var entries = groups
            .Select(g => new ReachabilityDiffEntry(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Key.Item5, g.Value.Count, g.Value.Source, g.Value.Destination))
            .OrderBy(e => e.Change).ThenBy(e => e.Source).ThenBy(e => e.Destination).ThenBy(e => e.Protocol).ThenBy(e => e.Port)
            .ToImmutableArray();
        return new ReachabilityDiff(entries, compared);
    }

    private static HashSet<string> ChangedNamespaces(ImmutableDictionary<ObjectKey, NetworkPolicyInfo> before, ImmutableDictionary<ObjectKey, NetworkPolicyInfo> after)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, policy) in before)
            if (!after.TryGetValue(key, out var other) || !Same(policy, other)) changed.Add(key.Namespace);
        foreach (var key in after.Keys)
            if (!before.ContainsKey(key)) changed.Add(key.Namespace);
        return changed;
    }

    private static bool SameEntries(ImmutableDictionary<AdminPolicyKey, AdminPolicyInfo> before, ImmutableDictionary<AdminPolicyKey, AdminPolicyInfo> after) =>
        before.Count == after.Count && before.All(p => after.TryGetValue(p.Key, out var other) && Same(p.Value, other));

    // Records compare ImmutableArray fields by reference; compare the specs by content instead.
    private static bool Same(NetworkPolicyInfo a, NetworkPolicyInfo b) =>
        ReferenceEquals(a, b) || PolicyText.Of(a) == PolicyText.Of(b);

    private static bool Same(AdminPolicyInfo a, AdminPolicyInfo b) =>
        ReferenceEquals(a, b) || PolicyText.Of(a) == PolicyText.Of(b);
}
