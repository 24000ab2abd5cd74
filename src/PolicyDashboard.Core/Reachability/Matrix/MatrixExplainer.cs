using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// Explains one cell of a <see cref="MatrixView"/> with the same engine that computed it: the cell's pairs grouped by
/// (source class, destination class), each group shown through its first pod pair. Verdicts are given for the port
/// filter, or without one for the destination's declared container ports, else for the edges of the allowed ports.
/// </summary>
public static class MatrixExplainer
{
    public const int MaxKinds = 8;

    public static CellExplanation Explain(ReachabilityResult result, MatrixView view, int row, int column)
    {
        var reachability = result.Reachability;
        var engine = new FastEngine(reachability);
        var source = view.Rows[row];
        var destination = view.Columns[column];
        var i = view.Index(row, column);
        var kinds = new List<PairExplanation>();
        var omitted = 0;
        if ((CellState)view.States[i] != CellState.NotApplicable || (source.Kind == HeaderKind.Pod && source.Id == destination.Id))
        {
            var sources = Members(result, view.Query.Sources, source);
            var destinations = Members(result, view.Query.Destinations, destination);
            var partition = reachability.Partition;
            var seen = new Dictionary<(int, int), int>();
            foreach (var s in sources)
                foreach (var d in destinations)
                {
                    // A pod to itself stands alone only when it is the whole cell (the pod × pod diagonal).
                    if (s.Pod >= 0 && s.Pod == d.Pod && !(source.Kind == HeaderKind.Pod && source.Id == destination.Id)) continue;
                    var key = (s.Pod >= 0 ? partition.ClassOfPod(s.Pod) : -1 - s.Peer, d.Pod >= 0 ? partition.ClassOfPod(d.Pod) : -1 - d.Peer);
                    if (seen.TryGetValue(key, out var k))
                    {
                        if (k >= 0) kinds[k] = kinds[k] with { PodPairs = kinds[k].PodPairs + 1 };
                        continue;
                    }
                    if (kinds.Count >= MaxKinds) { seen[key] = -1; omitted++; continue; }
                    seen[key] = kinds.Count;
                    kinds.Add(ExplainPair(result, engine, view.Query, s.Endpoint, d.Endpoint));
                }
        }
        return new CellExplanation(source, destination, (CellState)view.States[i], view.Pairs(i), view.AllPairs(i), view.AnyPairs(i), kinds, omitted);
    }

    private readonly record struct Member(int Pod, int Peer, Endpoint Endpoint);

    private static List<Member> Members(ReachabilityResult result, MatrixAxis axis, MatrixHeader header)
    {
        var pods = result.Reachability.Partition.Pods;
        if (header.Kind == HeaderKind.External) return [new Member(-1, 0, Endpoint.Of(header.Address!))];
        var members = new List<Member>();
        for (var p = 0; p < pods.Count; p++)
        {
            var pod = pods[p];
            var belongs = header.Kind switch
            {
                HeaderKind.IngressController => IngressControllers.IsController(pod),
                HeaderKind.Namespace => axis.Contains(pod) && header.Id == "ns:" + pod.Namespace,
                HeaderKind.Workload => axis.Contains(pod) && header.Id == "wl:" + WorkloadId.Of(pod),
                _ => axis.Contains(pod) && header.Id == "pod:" + pod.Key,
            };
            if (belongs) members.Add(new Member(p, 0, Endpoint.Of(pod)));
        }
        return members;
    }

    private static PairExplanation ExplainPair(ReachabilityResult result, FastEngine engine, MatrixQuery query, Endpoint source, Endpoint destination)
    {
        var reachability = result.Reachability;
        var allowed = AllowedPorts(reachability, query.View, source, destination);
        var ports = PortsToExplain(query.Port, destination, allowed);
        var verdicts = ports.Select(p => engine.Evaluate(source, destination, p.Port, p.Protocol)).ToList();
        var state = query.Port is { } f
            ? allowed.Contains(f.Protocol, f.Port) ? CellState.All : CellState.None
            : allowed.Equals(PortSet.All) ? CellState.All : allowed.IsEmpty ? CellState.None : CellState.Some;
        return new PairExplanation(source.ToString()!, destination.ToString()!, 1, state, allowed, verdicts);
    }

    private static PortSet AllowedPorts(FastReachability r, ReachScope view, Endpoint source, Endpoint destination)
    {
        var src = Resolve(r, source);
        var dst = Resolve(r, destination);
        if (src.IsPod && dst.IsPod && src.PodIndex == dst.PodIndex)
            return view != ReachScope.Combined || r.Partition.Classes[dst.ClassId].HasIp ? PortSet.All : PortSet.Empty;
        var ingress = view == ReachScope.Egress ? PortSet.All : r.AllowedPorts(Direction.Ingress, src, dst);
        var egress = view == ReachScope.Ingress ? PortSet.All : r.AllowedPorts(Direction.Egress, src, dst);
        if (view == ReachScope.Combined && ((src.IsPod && !r.Partition.Classes[src.ClassId].HasIp) || (dst.IsPod && !r.Partition.Classes[dst.ClassId].HasIp)))
            return PortSet.Empty;
        return ingress.Intersect(egress);
    }

    private static FastEndpoint Resolve(FastReachability r, Endpoint endpoint) => endpoint switch
    {
        Endpoint.Pod pod when r.TryGetPod(pod.Info.Key, out var e) => e,
        Endpoint.External ext when IpAddr.TryParse(ext.Ip, out var ip) => FastEndpoint.External(ip),
        _ => throw new ArgumentException($"{endpoint} is not in the analysed cluster", nameof(endpoint)),
    };

    /// <summary>The filter's port; else the destination pod's container ports; else where the allowed ports start and stop.</summary>
    private static IReadOnlyList<PortFilter> PortsToExplain(PortFilter? filter, Endpoint destination, PortSet allowed)
    {
        if (filter is { } f) return [f];
        if (destination is Endpoint.Pod pod && !pod.Info.Ports.IsDefaultOrEmpty)
            return [.. pod.Info.Ports.Select(p => new PortFilter(p.Protocol, p.Port)).Distinct().Take(6)];
        var ports = new List<PortFilter>();
        foreach (var (protocol, start, _) in allowed.Ranges().Take(2)) ports.Add(new PortFilter(protocol, start));
        var denied = PortSet.All.Except(allowed);
        foreach (var (protocol, start, _) in denied.Ranges().Take(1)) ports.Add(new PortFilter(protocol, start));
        return ports;
    }
}
