using PolicyDashboard.Core.Compose;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Compose;

/// <summary>The result of a dry run or an apply: one write result per policy, in the draft's order.</summary>
public sealed record ComposeOutcome(bool DryRun, IReadOnlyList<(string Policy, WriteResult Result)> Results, string? Refused = null)
{
    public bool Succeeded => Refused is null && Results.Count > 0 && Results.All(r => r.Result.Succeeded);
    public bool Conflicted => Results.Any(r => r.Result is WriteResult.Conflict);
}

/// <summary>
/// Dry-runs and applies drafts (server-side apply, field manager <c>policy-dashboard</c>) and deletes policies, for
/// one user's circuit. Each method checks the role itself, whatever called it; a draft applies only when it has
/// no problem, was analysed against the cluster as it is now, and every danger was confirmed. One write at a time:
/// a double click or a repeated event while a write runs is refused, never sent twice.
/// </summary>
public sealed partial class ComposerService(IPolicyWriter writer, IMutationGuard guard, IReachabilityAnalysis analysis, ILogger<ComposerService> logger, TimeProvider? time = null)
{
    /// <summary>Who applied a NetworkPolicy through the dashboard (the session's user).</summary>
    public const string AppliedByAnnotation = "policy-dashboard.io/applied-by";

    /// <summary>When, as RFC 3339 UTC.</summary>
    public const string AppliedAtAnnotation = "policy-dashboard.io/applied-at";

    private int _busy;

    [Mutating("dry-run network policy")]
    public Task<ComposeOutcome> DryRunAsync(DraftReport draft, CancellationToken cancellationToken) =>
        WriteAsync(draft, dryRun: true, force: false, confirmed: null, cancellationToken);

    [Mutating("apply network policy")]
    public Task<ComposeOutcome> ApplyAsync(DraftReport draft, bool force, IReadOnlySet<DangerKind> confirmed, CancellationToken cancellationToken) =>
        WriteAsync(draft, dryRun: false, force, confirmed, cancellationToken);

    private async Task<ComposeOutcome> WriteAsync(DraftReport draft, bool dryRun, bool force, IReadOnlySet<DangerKind>? confirmed, CancellationToken cancellationToken)
    {
        var user = guard.EnsureAdmin(dryRun ? "dry-run network policy" : "apply network policy");
        if (!draft.CanApply) return new ComposeOutcome(dryRun, [], "the draft has problems: fix them first");
        if (!dryRun)
        {
            if (draft.SnapshotVersion != analysis.Current.Version)
            {
                // The preview must show what this write does: re-analyse against the cluster as it is now.
                var fresh = DraftAnalyzer.Analyze(draft.Yaml, analysis.Current.Snapshot, draft.ExpectedNamespace, cancellationToken);
                if (fresh.Dangers.Select(d => d.Kind).Except(draft.Dangers.Select(d => d.Kind)).Any() || !fresh.CanApply)
                    return new ComposeOutcome(false, [], "the cluster changed since the preview: review the new preview before applying");
            }
            // A draft loaded from the cluster carries the version it was loaded at: if the object changed since, the
            // write would silently undo someone else's change.
            var now = analysis.Current.Snapshot;
            foreach (var policy in draft.Policies.Where(p => p.Meta.ResourceVersion is not null))
            {
                var current = now.NetworkPolicies.GetValueOrDefault(policy.Key)?.Meta.ResourceVersion;
                if (current != policy.Meta.ResourceVersion)
                    return new ComposeOutcome(false, [($"NetworkPolicy {policy.Key}", new WriteResult.Conflict(
                        current is null
                            ? $"NetworkPolicy {policy.Key} was deleted after the draft was loaded (resourceVersion {policy.Meta.ResourceVersion})"
                            : $"NetworkPolicy {policy.Key} changed after the draft was loaded (resourceVersion {policy.Meta.ResourceVersion}, now {current}): load it again",
                        []))]);
            }
            var unconfirmed = draft.Dangers.Where(d => confirmed is null || !confirmed.Contains(d.Kind)).ToList();
            if (unconfirmed.Count > 0)
                return new ComposeOutcome(false, [], $"confirm first: {string.Join("; ", unconfirmed.Select(d => d.Message))}");
        }
        if (Interlocked.Exchange(ref _busy, 1) == 1) return new ComposeOutcome(dryRun, [], "another write is still running");
        try
        {
            var options = new WriteOptions(DryRun: dryRun, Force: force);
            var results = new List<(string, WriteResult)>();
            foreach (var policy in draft.Policies)
                results.Add(($"NetworkPolicy {policy.Namespace}/{policy.Name}", await writer.ApplyAsync(Attributed(policy, user), options, cancellationToken)));
            foreach (var policy in draft.AdminPolicies)
                results.Add(($"{policy.Kind} {policy.Name}", await writer.ApplyAsync(policy, options, cancellationToken)));
            foreach (var (policy, result) in results)
                LogWrite(logger, dryRun ? "dry-run" : "apply", policy, user.Name, string.Join(",", user.Groups), result.GetType().Name,
                    draft.Impact.NewlyAllowedPairs, draft.Impact.NewlyDeniedPairs);
            return new ComposeOutcome(dryRun, results);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>Deletes one NetworkPolicy once every danger of its deletion was confirmed.</summary>
    [Mutating("delete network policy")]
    public async Task<ComposeOutcome> DeleteAsync(PolicyDashboard.Core.Model.ObjectKey policy, bool dryRun, IReadOnlySet<DangerKind> confirmed, CancellationToken cancellationToken)
    {
        var user = guard.EnsureAdmin(dryRun ? "dry-run network policy deletion" : "delete network policy");
        var (impact, dangers) = DraftAnalyzer.Deletion(analysis.Current.Snapshot, policy, cancellationToken);
        var unconfirmed = dangers.Where(d => !confirmed.Contains(d.Kind)).ToList();
        if (!dryRun && unconfirmed.Count > 0)
            return new ComposeOutcome(false, [], $"confirm first: {string.Join("; ", unconfirmed.Select(d => d.Message))}");
        if (Interlocked.Exchange(ref _busy, 1) == 1) return new ComposeOutcome(dryRun, [], "another write is still running");
        try
        {
            var result = await writer.DeleteAsync("NetworkPolicy", policy.Namespace, policy.Name, new WriteOptions(DryRun: dryRun), cancellationToken);
            LogWrite(logger, dryRun ? "dry-run delete" : "delete", $"NetworkPolicy {policy}", user.Name, string.Join(",", user.Groups), result.GetType().Name,
                impact.NewlyAllowedPairs, impact.NewlyDeniedPairs);
            return new ComposeOutcome(dryRun, [($"NetworkPolicy {policy}", result)]);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>The policy annotated with who applies it and when; the annotations are the dashboard's fields, owned by its field manager.</summary>
    private PolicyDashboard.Core.Model.NetworkPolicyInfo Attributed(PolicyDashboard.Core.Model.NetworkPolicyInfo policy, DashboardUser user)
    {
        var at = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var annotations = policy.Meta.Annotations.With(AppliedByAnnotation, user.Name).With(AppliedAtAnnotation, at);
        return policy with { Meta = policy.Meta with { Annotations = annotations } };
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Policy {Action} of {Policy} by {User} (groups {Groups}): {Result}; connectivity +{Opened} / -{Closed} pod pairs")]
    private static partial void LogWrite(ILogger logger, string action, string policy, string user, string groups, string result, int opened, int closed);
}
