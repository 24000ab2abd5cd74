using System.CommandLine;
using PolicyDashboard.Cli.Output;

namespace PolicyDashboard.Cli.Commands;

internal static class LintCommand
{
    public static Command Create()
    {
        var manifests = CommonOptions.Manifests();
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding has this severity or a higher one: warning or error (default), or none.",
            DefaultValueFactory = _ => "error",
            HelpName = "warning|error|none",
        };
        CommonOptions.OneOf(failOn, "warning", "error", "none");
        var output = CommonOptions.Output("Output format: table or json.", OutputFormats.Table, OutputFormats.Json);
        var timings = CommonOptions.Timings();
        var command = new Command("lint", "Report policy problems.") { manifests, failOn, output, timings };
        command.SetAction(_ => ExitCodes.Findings);
        return command;
    }
}
