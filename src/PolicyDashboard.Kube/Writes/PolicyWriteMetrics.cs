using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PolicyDashboard.Kube.Writes;

/// <summary>
/// <c>policydash_policy_writes_total{action, dry_run, result}</c>: every outcome of <see cref="PolicyWriter"/>, counted
/// once. Labels carry the action and the kind of result only, never object names or users (those are in the audit log).
/// </summary>
/// <remarks>
/// The totals are kept here and observed at collection time (an observable counter) rather than pushed: exporters
/// that drop series not updated for a while (prometheus-net's MeterAdapter does after a day) would otherwise lose a
/// counter that stands still, and it would read as a reset when it comes back.
/// </remarks>
public sealed class PolicyWriteMetrics
{
    private readonly ConcurrentDictionary<(string Action, bool DryRun, string Result), long> _totals = new();

    public PolicyWriteMetrics(IMeterFactory meterFactory)
    {
        meterFactory.Create(DashboardMeter.Name).CreateObservableCounter("policy_writes_total", Observe, unit: "{write}",
            description: "Policy writes by action (apply, delete), server-side dry run (true, false) and result " +
                         "(success, invalid, conflict, not_found, forbidden, error).");
    }

    public void Record(string action, bool dryRun, WriteResult result) =>
        _totals.AddOrUpdate((action, dryRun, ResultLabel(result)), 1, (_, n) => n + 1);

    public static string ResultLabel(WriteResult result) => result switch
    {
        WriteResult.Applied or WriteResult.Deleted => "success",
        WriteResult.Invalid => "invalid",
        WriteResult.Conflict => "conflict",
        WriteResult.NotFound => "not_found",
        WriteResult.Forbidden => "forbidden",
        _ => "error",
    };

    private IEnumerable<Measurement<long>> Observe() =>
        _totals.Select(t => new Measurement<long>(t.Value,
            new KeyValuePair<string, object?>("action", t.Key.Action),
            new KeyValuePair<string, object?>("dry_run", t.Key.DryRun ? "true" : "false"),
            new KeyValuePair<string, object?>("result", t.Key.Result)));
}
