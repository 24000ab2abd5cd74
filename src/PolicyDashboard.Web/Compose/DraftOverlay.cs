using System.Diagnostics;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// The cluster as it would be with a draft applied, as an analysis result the matrix can show: the draft's policies
/// replace or join the current ones, and the reachability is derived from the current result incrementally (a draft
/// is a few policies), so showing a draft on a large cluster costs what one policy change costs.
/// </summary>
public static class DraftOverlay
{
    /// <summary>Beyond this many changed objects the reachability is built anew (as the analysis does).</summary>
    private const int IncrementalLimit = 32;

    /// <summary>The snapshot with the draft's policies applied (server-side apply replaces an object with the same key).</summary>
    public static ClusterSnapshot After(ClusterSnapshot current, IEnumerable<NetworkPolicyInfo> policies, IEnumerable<AdminPolicyInfo> adminPolicies) => current with
    {
        NetworkPolicies = current.NetworkPolicies.SetItems(policies.Select(p => KeyValuePair.Create(p.Key, p))),
        AdminPolicies = current.AdminPolicies.SetItems(adminPolicies.Select(p => KeyValuePair.Create(p.Key, p))),
    };

    public static AnalysisResult Apply(AnalysisResult current, DraftReport draft, TimeProvider time)
    {
        var started = Stopwatch.GetTimestamp();
        var after = After(current.Snapshot, draft.Policies, draft.AdminPolicies);
        var changes = SnapshotDelta.Between(current.Snapshot, after);
        if (changes.Count == 0) return current;
        FastReachability reachability;
        if (changes.Count <= IncrementalLimit)
        {
            reachability = current.Result.Reachability;
            var step = current.Snapshot;
            foreach (var change in changes)
            {
                step = SnapshotDelta.Step(step, after, change);
                reachability = reachability.Apply(step, change);
            }
        }
        else reachability = FastReachability.Build(after);
        return new AnalysisResult(after, reachability, time.GetUtcNow(), Stopwatch.GetElapsedTime(started), incremental: true);
    }
}
