using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// For one view (combined, ingress or egress) and one port filter, every ordered pair of pod classes as All / Some /
/// None: allowed on every port considered, on some, or on none. Two bit rows per destination class (bits over source
/// classes): <c>all</c>, the AND over ports, and <c>any</c>, the OR. A class pair stands for distinct pods; a pod
/// reaching itself is loopback and not part of it.
/// </summary>
internal sealed class ClassReach
{
    private readonly ulong[][] _all;
    private readonly ulong[][] _any;

    private ClassReach(ulong[][] all, ulong[][] any)
    {
        _all = all;
        _any = any;
    }

    public CellState State(int sourceClass, int destinationClass)
    {
        var w = sourceClass >> 6;
        var bit = 1UL << sourceClass;
        return (_all[destinationClass][w] & bit) != 0 ? CellState.All : (_any[destinationClass][w] & bit) != 0 ? CellState.Some : CellState.None;
    }

    public static ClassReach Compute(ReachabilityResult result, IReadOnlyList<PortFilter> ports, ReachScope scope)
    {
        var partition = result.Reachability.Partition;
        var n = partition.ClassCount;
        var words = (n + 63) >> 6;
        var all = new ulong[n][];
        var any = new ulong[n][];
        var sourceHasIp = new ulong[words];
        for (var c = 0; c < n; c++)
        {
            all[c] = new ulong[words];
            any[c] = new ulong[words];
            if (partition.Classes[c].HasIp) sourceHasIp[c >> 6] |= 1UL << c;
        }
        // The per-port class matrices are independent: computed side by side, then combined in order.
        Parallel.ForEach(ports, port => result.Matrix(port.Protocol, port.Port));
        var first = true;
        foreach (var port in ports)
        {
            var m = result.Matrix(port.Protocol, port.Port);
            // Oriented by destination: bit s of row d says whether class s may connect to class d.
            var egressByDestination = scope == ReachScope.Ingress ? null : BitTranspose.Of(m.Egress, n);
            for (var d = 0; d < n; d++)
            {
                var ingress = m.Ingress[d];
                var egress = egressByDestination?[d];
                // "A pod without an IP cannot be reached, and nothing it sends can be matched": the connection needs both IPs.
                var destinationHasIp = partition.Classes[d].HasIp;
                var a = all[d];
                var o = any[d];
                for (var w = 0; w < words; w++)
                {
                    var allowed = scope switch
                    {
                        ReachScope.Ingress => ingress[w],
                        ReachScope.Egress => egress![w],
                        _ => destinationHasIp ? ingress[w] & egress![w] & sourceHasIp[w] : 0,
                    };
                    a[w] = first ? allowed : a[w] & allowed;
                    o[w] |= allowed;
                }
            }
            first = false;
        }
        return new ClassReach(all, any);
    }
}
