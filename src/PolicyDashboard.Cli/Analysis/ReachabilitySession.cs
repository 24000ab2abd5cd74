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
    /// Resolves every probe first (endpoints, and named ports on the destination pod), so a probe that names something
    /// the manifests lack stops the run before any result is printed; then evaluates them in order.
    /// </summary>
    public IReadOnlyList<ProbeResult> EvaluateProbes(IReadOnlyList<Probe> probes)
    {
        var resolved = probes.Select(Resolve).ToList();
        return [.. resolved.Select(r => new ProbeResult(r.Probe, r.Source, r.Destination,
            _engine.Evaluate(r.Source, r.Destination, r.Probe.Port, r.Probe.Protocol)))];
    }

    private (Probe Probe, Endpoint Source, Endpoint Destination) Resolve(Probe probe)
    {
        var source = _resolver.Resolve(probe.From, $"probe [{probe.Index}] \"from\"");
        var destination = _resolver.Resolve(probe.To, $"probe [{probe.Index}] \"to\"");
        if (probe.PortName is { } name)
        {
            // As for a named NetworkPolicy port: the destination pod's container port of that name and protocol.
            var port = destination is Endpoint.Pod pod && !pod.Info.Ports.IsDefault
                ? pod.Info.Ports.FirstOrDefault(p => p.Name == name && p.Protocol == probe.Protocol)
                : default;
            if (port.Port == 0)
                throw new CliException($"probe [{probe.Index}] \"port\": '{name}' is not a {probe.Protocol} container port of {EndpointResolver.Describe(destination)}");
            probe = probe with { Port = port.Port };
        }
        return (probe, source, destination);
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
