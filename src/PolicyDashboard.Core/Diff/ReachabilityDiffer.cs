using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Diff;

/// <summary>
/// Compares what two states allow: the same pods (those present in both), different policies. Every ordered pair of
/// distinct pods is probed on each port/protocol the destination declares plus every port a policy of either state
/// names (port, endPort, range start and end). A pod reaching itself is always allowed and never compared.
/// </summary>
public static class ReachabilityDiffer
{
    /// <summary>The reference engine, for callers that want per-connection verdicts with trails.</summary>
    public static IReachabilityEngine DefaultEngine(ClusterSnapshot snapshot) => ReferenceEngine.For(snapshot);

    /// <summary>
    /// The diff, decided by <paramref name="engineFactory"/> for each state and pod pair; without one, by the fast
    /// engine's class matrices (the same verdicts, computed once per class pair).
    /// </summary>
    public static ReachabilityDiff Compare(
        ClusterSnapshot before,
        ClusterSnapshot after,
        Func<ClusterSnapshot, IReachabilityEngine>? engineFactory = null,
        CancellationToken cancellationToken = default) =>
        Compare(before, after, engineFactory, useMatrices: null, cancellationToken);

    internal static ReachabilityDiff Compare(
        ClusterSnapshot before,
        ClusterSnapshot after,
        Func<ClusterSnapshot, IReachabilityEngine>? engineFactory,
        bool? useMatrices,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        // Pods outside namespaces whose NetworkPolicies changed are decided identically in both states, unless an
        // admin-tier policy changed: a verdict depends only on the policies of the source's and destination's
        // namespaces and on the admin tiers.
        var changedNamespaces = ChangedNamespaces(before.NetworkPolicies, after.NetworkPolicies);
        var adminChanged = !SameEntries(before.AdminPolicies, after.AdminPolicies);
        if (changedNamespaces.Count == 0 && !adminChanged) return ReachabilityDiff.Empty;
        bool MayDiffer(string sourceNamespace, string destinationNamespace) =>
            adminChanged || changedNamespaces.Contains(sourceNamespace) || changedNamespaces.Contains(destinationNamespace);

        var pods = before.Pods.Keys.Where(after.Pods.ContainsKey)
            .OrderBy(k => k.Namespace, StringComparer.Ordinal).ThenBy(k => k.Name, StringComparer.Ordinal).ToList();
        var mentioned = PolicyPorts.Mentioned(before);
        mentioned.UnionWith(PolicyPorts.Mentioned(after));
        var result = new DiffAccumulator();

        if (engineFactory is null)
            ClassDiff.Run(before, after, pods, adminChanged ? null : changedNamespaces.Contains, mentioned, result, cancellationToken, useMatrices);
        else
            PairDiff(before, after, pods, MayDiffer, mentioned, engineFactory, result, cancellationToken);
        return result.Build();
    }

    private static void PairDiff(ClusterSnapshot before, ClusterSnapshot after, List<ObjectKey> pods, Func<string, string, bool> mayDiffer,
        HashSet<(int Port, Protocol Protocol)> mentioned, Func<ClusterSnapshot, IReachabilityEngine> engineFactory,
        DiffAccumulator result, CancellationToken cancellationToken)
    {
        var engineBefore = engineFactory(before);
        var engineAfter = engineFactory(after);
        foreach (var dstKey in pods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (dstBefore, dstAfter) = (before.Pods[dstKey], after.Pods[dstKey]);
            var ports = PolicyPorts.Served(dstAfter).Union(mentioned).OrderBy(p => p.Protocol).ThenBy(p => p.Port).ToList();
            foreach (var srcKey in pods)
            {
                if (srcKey == dstKey || !mayDiffer(srcKey.Namespace, dstKey.Namespace)) continue;
                var (srcBefore, srcAfter) = (before.Pods[srcKey], after.Pods[srcKey]);
                foreach (var (port, protocol) in ports)
                {
                    result.Compared++;
                    var was = engineBefore.Evaluate(Endpoint.Of(srcBefore), Endpoint.Of(dstBefore), port, protocol).Allowed;
                    var now = engineAfter.Evaluate(Endpoint.Of(srcAfter), Endpoint.Of(dstAfter), port, protocol).Allowed;
                    if (was != now)
                        result.Add(DiffWorkload.Of(srcAfter), DiffWorkload.Of(dstAfter), port, protocol, now, 1, srcKey, dstKey);
                }
            }
        }
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
