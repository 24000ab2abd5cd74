using Microsoft.AspNetCore.Components;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Components.Shared;

/// <summary>
/// A live component that also follows the shared reachability result: it starts from <see cref="IReachabilityAnalysis.Current"/>
/// and, while interactive, takes every newer result from <see cref="IReachabilityAnalysis.WatchAsync"/> (the
/// subscription ends with the component). Pages read reachability only from <see cref="Analysis"/>, never from an
/// engine of their own.
/// </summary>
public abstract class LiveAnalysisComponentBase : LiveComponentBase
{
    [Inject] protected IReachabilityAnalysis ReachabilityAnalysis { get; set; } = default!;

    protected AnalysisResult Analysis { get; private set; } = default!;

    protected override void OnInitialized()
    {
        Analysis = ReachabilityAnalysis.Current;
        base.OnInitialized();
        Follow(ReachabilityAnalysis.WatchAsync, result =>
        {
            if (ReferenceEquals(result, Analysis)) return false;
            Analysis = result;
            return OnAnalysisChanged();
        });
    }

    /// <summary>Called on the renderer's context after <see cref="Analysis"/> was replaced; returns whether to re-render.</summary>
    protected virtual bool OnAnalysisChanged() => true;
}
