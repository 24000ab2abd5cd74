using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// Why a cell is what it is: the pod pairs behind it fall into a few kinds (pairs of pod classes, which policies
/// cannot tell apart); each kind is explained by one example pair — its allowed ports and the engine's verdicts.
/// </summary>
public sealed record CellExplanation(
    MatrixHeader Source, MatrixHeader Destination, CellState State, long Pairs, long AllPairs, long AnyPairs,
    IReadOnlyList<PairExplanation> Kinds, int OmittedKinds);

/// <summary>
/// One kind of pair: the example source and destination, how many pod pairs of the cell are like it, the ports allowed
/// (for the cell's view), and a verdict with its trail per port worth showing.
/// </summary>
public sealed record PairExplanation(string Source, string Destination, long PodPairs, CellState State, PortSet AllowedPorts, IReadOnlyList<Verdict> Verdicts);
