using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Diff;

/// <summary>Collects changed pod pairs into entries per (source workload, destination workload, port, protocol, change).</summary>
internal sealed class DiffAccumulator
{
    private readonly Dictionary<(DiffWorkload, DiffWorkload, int, Protocol, ConnectionChange), (int Count, ObjectKey Source, ObjectKey Destination)> _groups = [];

    public long Compared { get; set; }

    public void Add(DiffWorkload source, DiffWorkload destination, int port, Protocol protocol, bool allowedAfter, int pairs, ObjectKey exampleSource, ObjectKey exampleDestination)
    {
        var key = (source, destination, port, protocol, allowedAfter ? ConnectionChange.Allowed : ConnectionChange.Denied);
        _groups[key] = _groups.TryGetValue(key, out var g) ? (g.Count + pairs, g.Source, g.Destination) : (pairs, exampleSource, exampleDestination);
    }

    public ReachabilityDiff Build() => new(
        [.. _groups
            .Select(g => new ReachabilityDiffEntry(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Key.Item5, g.Value.Count, g.Value.Source, g.Value.Destination))
            .OrderBy(e => e.Change).ThenBy(e => e.Source).ThenBy(e => e.Destination).ThenBy(e => e.Protocol).ThenBy(e => e.Port)],
        Compared);
}
