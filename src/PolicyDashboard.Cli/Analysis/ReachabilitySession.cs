using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>One loaded cluster and the engine compiled for it: answers probes and computes matrices.</summary>
public sealed class ReachabilitySession
{
    private readonly ClusterSnapshot _snapshot;
    private readonly IReachabilityEngine _engine;
    private readonly EndpointResolver _resolver;

    private ReachabilitySession(ClusterSnapshot snapshot, IReachabilityEngine engine)
    {
        _snapshot = snapshot;
        _engine = engine;
        _resolver = new EndpointResolver(snapshot);
    }

    public static ReachabilitySession Create(ClusterSnapshot snapshot, string engine, PhaseTimer timer) =>
        timer.Measure("compile", () => new ReachabilitySession(snapshot, EngineFactory.Create(engine, snapshot)));

    /// <summary>
    /// Resolves every probe first, so an unknown pod stops the run before any result is printed; then evaluates
    /// them in order.
    /// </summary>
    public IReadOnlyList<ProbeResult> EvaluateProbes(IReadOnlyList<Probe> probes)
    {
        var resolved = probes
            .Select(p => (Probe: p,
                Source: _resolver.Resolve(p.From, $"probe [{p.Index}] \"from\""),
                Destination: _resolver.Resolve(p.To, $"probe [{p.Index}] \"to\"")))
            .ToList();
        return [.. resolved.Select(r => new ProbeResult(r.Probe, r.Source, r.Destination,
            _engine.Evaluate(r.Source, r.Destination, r.Probe.Port, r.Probe.Protocol)))];
    }

    public MatrixResult ComputeMatrix(IReadOnlyList<PortSpec> ports)
    {
        var pods = _snapshot.Pods.Values
            .OrderBy(p => p.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        var matrixPods = pods.Select(p => new MatrixPod(p.Namespace, p.Name, p.Owner?.ToString() ?? $"Pod/{p.Name}")).ToArray();
        var endpoints = pods.Select(Endpoint.Of).ToArray();
        IPortMatrix[] matrices;
        if (_engine is FastEngine fast)
        {
            var result = new ReachabilityResult(fast.Reachability);
            var engineIndex = new Dictionary<ObjectKey, int>();
            for (var i = 0; i < result.Pods.Count; i++) engineIndex[result.Pods[i].Key] = i;
            var map = pods.Select(p => engineIndex[p.Key]).ToArray();
            matrices = [.. ports.Select(port => FastMatrix.Compute(result, map, port))];
        }
        else
            matrices = [.. ports.Select(port => PairwiseMatrix.Compute(_engine, pods, endpoints, port))];
        return new MatrixResult(matrixPods, matrices);
    }
}
