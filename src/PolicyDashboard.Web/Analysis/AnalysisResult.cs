using System.Collections.Immutable;
using PolicyDashboard.Core.Lint;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Web.Analysis;

/// <summary>
/// The reachability of one cluster snapshot, shared by every page and API call that reads it: immutable, so readers
/// never lock, and versioned by the snapshot it was computed from. Lint findings are computed on first use.
/// </summary>
public sealed class AnalysisResult
{
    private readonly Lazy<ImmutableArray<LintFinding>> _findings;
    private readonly Lazy<IReadOnlyDictionary<ObjectKey, int>> _podIndex;

    public AnalysisResult(ClusterSnapshot snapshot, FastReachability reachability, DateTimeOffset computedAt, TimeSpan duration, bool incremental)
        : this(snapshot, new ReachabilityResult(reachability), new FastEngine(reachability), computedAt, duration, incremental) { }

    /// <summary>
    /// A result for a snapshot whose changes cannot change a verdict (Services, EndpointSlices, Ingresses, status):
    /// it shares the previous result's reachability, so everything computed on it (class matrices) stays valid.
    /// </summary>
    public AnalysisResult WithSnapshot(ClusterSnapshot snapshot, DateTimeOffset computedAt) =>
        new(snapshot, Result, Engine, computedAt, TimeSpan.Zero, incremental: true);

    private AnalysisResult(ClusterSnapshot snapshot, ReachabilityResult result, FastEngine engine, DateTimeOffset computedAt, TimeSpan duration, bool incremental)
    {
        Snapshot = snapshot;
        Result = result;
        Engine = engine;
        ComputedAt = computedAt;
        Duration = duration;
        Incremental = incremental;
        _findings = new Lazy<ImmutableArray<LintFinding>>(() => PolicyLinter.Lint(snapshot));
        _podIndex = new Lazy<IReadOnlyDictionary<ObjectKey, int>>(() =>
        {
            var pods = Result.Pods;
            var index = new Dictionary<ObjectKey, int>(pods.Count);
            for (var i = 0; i < pods.Count; i++) index[pods[i].Key] = i;
            return index;
        });
    }

    /// <summary>The snapshot's version: a page compares it to know whether its view is current.</summary>
    public long Version => Snapshot.Version;

    public ClusterSnapshot Snapshot { get; }
    public ReachabilityResult Result { get; }
    public FastEngine Engine { get; }
    public DateTimeOffset ComputedAt { get; }
    public TimeSpan Duration { get; }

    /// <summary>Whether it was derived from the previous result (a few objects changed) rather than built anew.</summary>
    public bool Incremental { get; }

    public ImmutableArray<LintFinding> Findings => _findings.Value;

    /// <summary>The engine's index of a pod (the position in <see cref="ReachabilityResult.Pods"/>), or -1.</summary>
    public int IndexOf(ObjectKey pod) => _podIndex.Value.TryGetValue(pod, out var i) ? i : -1;
}
