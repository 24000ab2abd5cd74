using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// What to show: which sources and destinations, on which port (null: every port), and which verdict — the
/// connection (<see cref="ReachScope.Combined"/>), only ingress at the destination, or only egress at the source.
/// </summary>
public sealed record MatrixQuery(MatrixAxis Sources, MatrixAxis Destinations, PortFilter? Port = null, ReachScope View = ReachScope.Combined, bool IncludePeers = true)
{
    public static readonly MatrixQuery Namespaces = new(MatrixAxis.AllNamespaces, MatrixAxis.AllNamespaces);
}
