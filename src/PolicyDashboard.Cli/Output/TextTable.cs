using System.Text;

namespace PolicyDashboard.Cli.Output;

/// <summary>A plain-text table with left-aligned columns separated by two spaces (kubectl style).</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(TextWriter writer, string indent = "")
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
            for (var i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);

        WriteRow(writer, indent, headers, widths);
        foreach (var row in _rows)
            WriteRow(writer, indent, row, widths);
    }

    private static void WriteRow(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var line = new StringBuilder(indent);
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Length - 1)
                line.Append(' ', widths[i] - cells[i].Length + 2);
        }
        writer.WriteLine(line.ToString().TrimEnd());
    }
}
