namespace PolicyDashboard.Core.Export;

/// <summary>RFC 4180 quoting: a field with a comma, quote or line break is quoted and its quotes doubled.</summary>
public static class Csv
{
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static void WriteRow(TextWriter writer, params string[] fields) =>
        writer.WriteLine(string.Join(",", fields.Select(Field)));

    public static string Bool(bool value) => value ? "true" : "false";
}
