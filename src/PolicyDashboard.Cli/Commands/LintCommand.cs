using System.CommandLine;
using PolicyDashboard.Cli.Analysis;
using PolicyDashboard.Cli.Output;
using PolicyDashboard.Core.Lint;

namespace PolicyDashboard.Cli.Commands;

/// <summary><c>policydash lint</c>: findings about the policies, with a CI threshold.</summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var manifests = CommonOptions.Manifests();
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit with code 1 when a finding has this severity or a higher one: 'warning' or 'error'.",
            DefaultValueFactory = _ => "error",
            HelpName = "warning|error",
        };
        CommonOptions.OneOf(failOn, "warning", "error");
        var output = CommonOptions.Output("Output format: table or json.", OutputFormats.Table, OutputFormats.Json);
        var timings = CommonOptions.Timings();

        var command = new Command("lint",
            "Report policy problems: objects the API server would reject (with their field path), policies that select no " +
            "pod, peers that match nothing, egress isolation without DNS, allow-all rules, namespaces without isolation, " +
            "shadowed rules, named ports no pod exposes, constructs whose enforcement differs between network plugins. " +
            "Invalid policies are findings of severity error here (other commands refuse them with exit code 2).")
        {
            manifests, failOn, output, timings,
        };

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var timer = new PhaseTimer(parseResult.GetValue(timings) ? stderr : null);
            var threshold = parseResult.GetValue(failOn) == "warning" ? LintSeverity.Warning : LintSeverity.Error;

            var (snapshot, loadWarnings) = ManifestInput.LoadCounted(parseResult.GetValue(manifests)!, stderr, timer, validatePolicies: false);
            var findings = timer.Measure("lint", () => PolicyLinter.Lint(snapshot));
            // The manifests' own warnings (an unknown field of a policy, an unknown kind) fail a run at warning too.
            var failed = PolicyLinter.Fails(findings, threshold) || (threshold == LintSeverity.Warning && loadWarnings > 0);
            if (threshold == LintSeverity.Warning && loadWarnings > 0)
                stderr.WriteLine($"lint: {loadWarnings} warning(s) while loading the manifests (above) count toward --fail-on warning");
            timer.Measure("render", () => LintWriter.Write(stdout, findings, parseResult.GetValue(output)!, threshold, failed));
            return failed ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }
}
