using System.CommandLine;
using PolicyDashboard.Cli.Commands;

namespace PolicyDashboard.Cli;

/// <summary>
/// The entry point of <c>policydash</c>, callable in-process with any writers (tests do). Every failure ends as one
/// line on stderr and an exit code from <see cref="ExitCodes"/>; a stack trace is never printed.
/// </summary>
public static class CliApp
{
    public const string ExitCodeHelp =
        "Exit codes: 0 success; 1 findings at or above --fail-on (lint) or the analysis failed; " +
        "2 usage or input error (unknown option, unreadable file, invalid YAML/JSON, invalid policy, unknown pod).";

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand(
            "policydash: Kubernetes network policy analysis over manifest files (NetworkPolicy v1, " +
            "AdminNetworkPolicy/BaselineAdminNetworkPolicy v1alpha1, ClusterNetworkPolicy v1alpha2).\n" + ExitCodeHelp)
        {
            AnalyzeCommand.Create(),
            ExplainCommand.Create(),
            LintCommand.Create(),
            DiffCommand.Create(),
            GenerateCommand.Create(),
        };
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var parseResult = BuildRootCommand().Parse(args);
            if (parseResult.Errors.Count > 0)
            {
                foreach (var error in parseResult.Errors)
                    stderr.WriteLine($"error: {OneLine(error.Message)}");
                stderr.WriteLine($"Run '{CommandPath(parseResult)} --help' for usage.");
                return ExitCodes.InputError;
            }

            var configuration = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            };
            return parseResult.Invoke(configuration);
        }
        catch (CliException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return e.ExitCode;
        }
        catch (Exception e)
        {
            // Anything else is a defect or an environment failure: still one line, never a stack trace.
            stderr.WriteLine($"error: {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitCodes.Findings;
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(result.Command is RootCommand ? "policydash" : result.Command.Name);
        names.Reverse();
        return string.Join(" ", names);
    }

    internal static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
