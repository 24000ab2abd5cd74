using System.CommandLine;

namespace PolicyDashboard.Cli.Commands;

internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Write a deterministic scale scenario.");
        command.SetAction(_ => ExitCodes.Findings);
        return command;
    }
}
