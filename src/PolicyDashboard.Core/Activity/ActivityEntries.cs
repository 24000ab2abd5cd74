using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Activity;

/// <summary>Turns detected changes into <see cref="ActivityEntry"/>s: attribution and the connectivity each opened or closed.</summary>
public static class ActivityEntries
{
    /// <summary>Workload pairs kept per entry.</summary>
    public const int TopPairs = 5;

    /// <summary>
    /// Entries for <paramref name="changes"/>, made one after the other starting from <paramref name="before"/>: each
    /// change's connectivity is the engine's semantic diff of the state just before it and just after it, so two
    /// changes observed together are not credited with each other's effect. Past <paramref name="diffLimit"/>
    /// changes at once (a bulk apply), the rest are recorded without connectivity.
    /// </summary>
    public static IReadOnlyList<ActivityEntry> Build(
        ClusterSnapshot before, IReadOnlyList<PolicyChange> changes, DateTimeOffset observed, int diffLimit = 20, CancellationToken cancellationToken = default)
    {
        var entries = new List<ActivityEntry>(changes.Count);
        var step = before;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var next = change.ApplyTo(step);
            ReachabilityDiff? diff = i < diffLimit && change.BeforeKnown ? ReachabilityDiffer.Compare(step, next, cancellationToken: cancellationToken) : null;
            entries.Add(Entry(change, ChangeAttribution.For(change, observed), diff, observed));
            step = next;
        }
        return entries;
    }

    /// <summary>
    /// Entries for changes found at start (<see cref="PolicyChangeDetector.SinceKnown"/>) against the first state
    /// observed: a created policy's connectivity is that state without it and with it; for the others the state before
    /// is unknown.
    /// </summary>
    public static IReadOnlyList<ActivityEntry> BuildSeenAtStart(
        ClusterSnapshot now, IReadOnlyList<PolicyChange> changes, DateTimeOffset observed, int diffLimit = 20, CancellationToken cancellationToken = default)
    {
        var entries = new List<ActivityEntry>(changes.Count);
        var diffs = 0;
        foreach (var change in changes)
        {
            ReachabilityDiff? diff = null;
            if (change.BeforeKnown && diffs++ < diffLimit)
                diff = ReachabilityDiffer.Compare(change.RevertIn(now), now, cancellationToken: cancellationToken);
            entries.Add(Entry(change, ChangeAttribution.For(change, observed), diff, observed));
        }
        return entries;
    }

    public static ActivityEntry Entry(PolicyChange change, Attribution who, ReachabilityDiff? diff, DateTimeOffset observed)
    {
        var rv = change.MetaAfter?.ResourceVersion;
        return new ActivityEntry(
            Id(change.Key, change.Action, change.Fingerprint, rv),
            observed,
            who.When,
            change.Key.Kind,
            change.Key.Namespace,
            change.Key.Name,
            change.Action,
            who.Who,
            who.Source,
            change.SeenAtStart,
            rv,
            diff?.NewlyAllowedPairs,
            diff?.NewlyDeniedPairs,
            diff is null ? [] : Top(diff));
    }

    /// <summary>The largest changes first (by pod pairs), opened before closed on a tie.</summary>
    private static ImmutableArray<ActivityPair> Top(ReachabilityDiff diff) =>
        diff.Entries
            .OrderByDescending(e => e.PodPairs)
            .ThenBy(e => e.Change)
            .Take(TopPairs)
            .Select(e => new ActivityPair(e.Change == ConnectionChange.Allowed ? "opened" : "closed",
                e.Source.ToString(), e.Destination.ToString(), e.Port, e.Protocol.ToString(), e.PodPairs))
            .ToImmutableArray();

    /// <summary>
    /// The same change has the same id wherever and whenever it is seen: the policy, the action, the resulting version
    /// (its fingerprint) and, when known, the resourceVersion (so applying A, then B, then A again makes three entries).
    /// A change seen at start has no resourceVersion in its id when it is a deletion; its fingerprint tells it apart.
    /// </summary>
    public static string Id(ActivityPolicyKey key, ActivityAction action, string fingerprint, string? resourceVersion) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Kind}\n{key.Namespace}\n{key.Name}\n{action}\n{fingerprint}\n{resourceVersion}")))[..20];
}
