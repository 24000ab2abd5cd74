using PolicyDashboard.Cli.Input;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>A pod as the matrix outputs show it: <c>namespace/name</c> and the workload it belongs to.</summary>
public sealed record MatrixPod(string Namespace, string Name, string Workload)
{
    public string Id => $"{Namespace}/{Name}";
}

/// <summary>The verdict for one ordered pair of pods on one port: combined, per direction, and loopback.</summary>
public readonly record struct PairVerdict(bool Allowed, bool IngressAllowed, bool EgressAllowed, bool Loopback);

/// <summary>
/// Reachability on one port/protocol between every ordered pair of distinct pods of <see cref="MatrixResult.Pods"/>.
/// A pod to itself is loopback (always allowed) and is not part of the matrix.
/// </summary>
public interface IPortMatrix
{
    PortSpec Port { get; }

    /// <summary>Pods that declare a container port with this number and protocol.</summary>
    int ServingPods { get; }

    /// <summary>Ordered pairs (source, destination) of distinct pods whose connection on this port is allowed.</summary>
    long AllowedPairs { get; }

    /// <summary>The verdict from pod <paramref name="source"/> to pod <paramref name="destination"/> (indices into the pod list).</summary>
    PairVerdict Get(int source, int destination);
}

public sealed record MatrixResult(IReadOnlyList<MatrixPod> Pods, IReadOnlyList<IPortMatrix> Ports);
