using System.CommandLine;
using PolicyDashboard.Cli.Output;

namespace PolicyDashboard.Cli.Commands;

internal static class DiffCommand
{
    public static Command Create()
    {
        var before = CommonOptions.Manifests("--before", null, "The state before: a manifest file or directory. Repeatable.");
        var after = CommonOptions.Manifests("--after", null, "The state after: a manifest file or directory. Repeatable.");
        var output = CommonOptions.Output("Output format: table or json.", OutputFormats.Table, OutputFormats.Json);
        var timings = CommonOptions.Timings();
        var command = new Command("diff", "Connections newly allowed or denied.") { before, after, output, timings };
        command.SetAction(_ => ExitCodes.Findings);
        return command;
    }
}
