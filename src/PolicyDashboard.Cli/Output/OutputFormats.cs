namespace PolicyDashboard.Cli.Output;

public static class OutputFormats
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Summary = "summary";
    public const string Text = "text";
}
