using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>
/// A port's matrix read from the fast engine's class matrix: counts come from class sizes (work is classes², not
/// pods²), single pairs from two class lookups. Pod indices are the CLI's (namespace, name) order, mapped onto the
/// engine's pod order.
/// </summary>
public sealed class FastMatrix : IPortMatrix
{
    private readonly ClassMatrix _matrix;
    private readonly ClassPartition _partition;
    private readonly int[] _engineIndex;

    private FastMatrix(PortSpec port, ClassMatrix matrix, ClassPartition partition, int[] engineIndex, int serving, long allowed)
    {
        Port = port;
        _matrix = matrix;
        _partition = partition;
        _engineIndex = engineIndex;
        ServingPods = serving;
        AllowedPairs = allowed;
    }

    public PortSpec Port { get; }
    public int ServingPods { get; }
    public long AllowedPairs { get; }

    public PairVerdict Get(int source, int destination)
    {
        int s = _partition.ClassOfPod(_engineIndex[source]), d = _partition.ClassOfPod(_engineIndex[destination]);
        var ingress = _matrix.IngressAllows(s, d);
        var egress = _matrix.EgressAllows(s, d);
        // A pod without an IP can neither be reached nor send, whatever the policies say.
        var bothHaveIps = _partition.Classes[s].HasIp && _partition.Classes[d].HasIp;
        return new PairVerdict(ingress && egress && bothHaveIps, ingress, egress, Loopback: false);
    }

    /// <param name="engineIndex">For each pod of the CLI's order, its index in the engine's pod list.</param>
    public static FastMatrix Compute(ReachabilityResult result, int[] engineIndex, PortSpec port)
    {
        var counts = result.Count(port.Protocol, port.Port);
        // The engine's counts include each pod paired with itself (allowed when it has an IP); the CLI's pairs are
        // of distinct pods.
        var partition = result.Reachability.Partition;
        var selfAllowed = Enumerable.Range(0, result.Pods.Count).LongCount(i => partition.Classes[partition.ClassOfPod(i)].HasIp);
        return new FastMatrix(port, result.Matrix(port.Protocol, port.Port), partition, engineIndex,
            PairwiseMatrix.Serving(result.Pods, port), counts.Allowed - selfAllowed);
    }
}
