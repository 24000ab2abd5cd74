namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Runs independent steps of a build on the calling thread and at most one thread-pool thread. Each step writes only
/// its own outputs, so the result is the same whichever thread runs which step, and in whatever order; when the pool
/// is busy the calling thread simply runs every step itself.
/// </summary>
internal static class TwoCores
{
    private static readonly ParallelOptions Options = new() { MaxDegreeOfParallelism = 2 };

    public static void Run(IReadOnlyList<Action> steps)
    {
        if (steps.Count == 1 || Environment.ProcessorCount == 1)
        {
            foreach (var step in steps) step();
            return;
        }
        try
        {
            Parallel.For(0, steps.Count, Options, i => steps[i]());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
