using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>A port's matrix filled by asking the engine about every ordered pair of distinct pods.</summary>
public sealed class PairwiseMatrix : IPortMatrix
{
    private readonly PairVerdict[] _verdicts;
    private readonly int _pods;

    private PairwiseMatrix(PortSpec port, int pods, int serving, PairVerdict[] verdicts, long allowed)
    {
        Port = port;
        _pods = pods;
        ServingPods = serving;
        _verdicts = verdicts;
        AllowedPairs = allowed;
    }

    public PortSpec Port { get; }
    public int ServingPods { get; }
    public long AllowedPairs { get; }

    public PairVerdict Get(int source, int destination) => _verdicts[(source * _pods) + destination];

    public static PairwiseMatrix Compute(IReachabilityEngine engine, IReadOnlyList<PodInfo> pods, IReadOnlyList<Endpoint> endpoints, PortSpec port)
    {
        var n = pods.Count;
        var verdicts = new PairVerdict[n * n];
        long allowed = 0;
        for (var s = 0; s < n; s++)
        for (var d = 0; d < n; d++)
        {
            if (s == d) continue;
            var v = engine.Evaluate(endpoints[s], endpoints[d], port.Port, port.Protocol);
            verdicts[(s * n) + d] = new PairVerdict(v.Allowed, v.IngressAllowed, v.EgressAllowed, v.Loopback);
            if (v.Allowed) allowed++;
        }
        return new PairwiseMatrix(port, n, Serving(pods, port), verdicts, allowed);
    }

    public static int Serving(IEnumerable<PodInfo> pods, PortSpec port) =>
        pods.Count(p => !p.Ports.IsDefault && p.Ports.Any(c => c.Port == port.Port && c.Protocol == port.Protocol));
}
