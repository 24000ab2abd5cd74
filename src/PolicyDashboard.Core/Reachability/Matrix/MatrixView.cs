using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>
/// One computed matrix: rows are sources, columns destinations; per cell its state and the pod pairs behind it
/// (distinct pods; a pod reaching itself is loopback and counted nowhere). States are one byte per cell in row-major
/// order, so the browser can draw them without one object per cell. Counts cost nothing per cell: the pairs follow
/// from the headers' pod counts (less the pods both headers share), and only Some cells, where the allowed pairs are
/// neither all nor none, keep their numbers.
/// </summary>
public sealed class MatrixView
{
    private readonly Dictionary<int, long> _shared;
    private readonly Dictionary<int, (long All, long Any)> _partial;

    internal MatrixView(MatrixQuery query, long version, IReadOnlyList<MatrixHeader> rows, IReadOnlyList<MatrixHeader> columns,
        byte[] states, Dictionary<int, long> shared, Dictionary<int, (long All, long Any)> partial)
    {
        Query = query;
        Version = version;
        Rows = rows;
        Columns = columns;
        States = states;
        _shared = shared;
        _partial = partial;
    }

    public MatrixQuery Query { get; }

    /// <summary>Source groups the axis has (namespaces, workloads or pods), shown or not: more than the rows when capped.</summary>
    public int SourceGroups { get; init; }

    /// <summary>Destination groups the axis has, shown or not.</summary>
    public int DestinationGroups { get; init; }

    /// <summary>The version of the cluster snapshot it was computed from.</summary>
    public long Version { get; }
    public IReadOnlyList<MatrixHeader> Rows { get; }
    public IReadOnlyList<MatrixHeader> Columns { get; }

    /// <summary><see cref="CellState"/> per cell, row-major.</summary>
    public byte[] States { get; }

    /// <summary>Ordered pairs of distinct pods (or peer and pod) behind a cell.</summary>
    public long Pairs(int cell)
    {
        var row = Rows[cell / Columns.Count];
        var column = Columns[cell % Columns.Count];
        if (row.IsExternal && column.IsExternal) return 0;
        if (row.IsExternal) return column.Pods;
        if (column.IsExternal) return row.Pods;
        return (long)row.Pods * column.Pods - _shared.GetValueOrDefault(cell);
    }

    /// <summary>Of those, the pairs allowed on every port considered.</summary>
    public long AllPairs(int cell) => (CellState)States[cell] switch
    {
        CellState.All => Pairs(cell),
        CellState.Some => _partial[cell].All,
        _ => 0,
    };

    /// <summary>Of those, the pairs allowed on at least one port considered.</summary>
    public long AnyPairs(int cell) => (CellState)States[cell] switch
    {
        CellState.All => Pairs(cell),
        CellState.Some => _partial[cell].Any,
        _ => 0,
    };

    public int Index(int row, int column) => row * Columns.Count + column;

    public CellState State(int row, int column) => (CellState)States[Index(row, column)];

    private Dictionary<string, int>? _rowIndex, _columnIndex;

    public int RowOf(string id) => (_rowIndex ??= IndexOf(Rows)).GetValueOrDefault(id, -1);
    public int ColumnOf(string id) => (_columnIndex ??= IndexOf(Columns)).GetValueOrDefault(id, -1);

    /// <summary>
    /// The cells whose state differs from <paramref name="previous"/>'s cell for the same source and destination
    /// (found by header id, so rows added or removed in between do not shift the comparison). New headers are not
    /// marked: there is nothing they changed from.
    /// </summary>
    public IReadOnlyList<int> ChangedSince(MatrixView previous)
    {
        var changed = new List<int>();
        var rowMap = Rows.Select(r => previous.RowOf(r.Id)).ToArray();
        var colMap = Columns.Select(c => previous.ColumnOf(c.Id)).ToArray();
        for (var r = 0; r < Rows.Count; r++)
        {
            if (rowMap[r] < 0) continue;
            for (var c = 0; c < Columns.Count; c++)
            {
                if (colMap[c] < 0) continue;
                if (States[Index(r, c)] != previous.States[previous.Index(rowMap[r], colMap[c])]) changed.Add(Index(r, c));
            }
        }
        return changed;
    }

    /// <summary>Counts of cells by state, for a summary line.</summary>
    public (int All, int Some, int None) Tally()
    {
        int all = 0, some = 0, none = 0;
        foreach (var s in States)
            switch ((CellState)s)
            {
                case CellState.All: all++; break;
                case CellState.Some: some++; break;
                case CellState.None: none++; break;
            }
        return (all, some, none);
    }

    private static Dictionary<string, int> IndexOf(IReadOnlyList<MatrixHeader> headers)
    {
        var index = new Dictionary<string, int>(headers.Count, StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++) index.TryAdd(headers[i].Id, i);
        return index;
    }

    public static string ScopeName(ReachScope scope) => scope switch
    {
        ReachScope.Ingress => "ingress",
        ReachScope.Egress => "egress",
        _ => "combined",
    };
}
