using System.CommandLine;
using PolicyDashboard.Cli.Analysis;
using PolicyDashboard.Cli.Output;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Cli.Commands;

/// <summary><c>policydash diff</c>: which connections a change of policies opens or closes.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var before = CommonOptions.Manifests("--before", null, "The state before: a manifest file or directory (repeatable).");
        var after = CommonOptions.Manifests("--after", null, "The state after: a manifest file or directory (repeatable).");
        var engine = CommonOptions.Engine("fast");
        var output = CommonOptions.Output("Output format: table or json.", OutputFormats.Table, OutputFormats.Json);
        var timings = CommonOptions.Timings();

        var command = new Command("diff",
            "Compare what two states allow: the pods present in both, under each state's policies. Lists the connections " +
            "newly allowed and newly denied, grouped by source and destination workload and port/protocol, with the number " +
            "of pod pairs. Ports compared: every port/protocol the destination pod serves plus every numeric port a policy " +
            "of either state mentions.")
        {
            before, after, engine, output, timings,
        };

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var timer = new PhaseTimer(parseResult.GetValue(timings) ? stderr : null);

            var beforeSnapshot = ManifestInput.Load(parseResult.GetValue(before)!, stderr, timer, "before");
            var afterSnapshot = ManifestInput.Load(parseResult.GetValue(after)!, stderr, timer, "after");

            var onlyBefore = beforeSnapshot.Pods.Keys.Count(k => !afterSnapshot.Pods.ContainsKey(k));
            var onlyAfter = afterSnapshot.Pods.Keys.Count(k => !beforeSnapshot.Pods.ContainsKey(k));
            if (onlyBefore + onlyAfter > 0)
                stderr.WriteLine($"note: {onlyBefore} pod(s) only in --before and {onlyAfter} only in --after are not compared");

            Func<Core.Model.ClusterSnapshot, IReachabilityEngine>? factory =
                parseResult.GetValue(engine) == CommonOptions.ReferenceEngine ? ReferenceEngine.For : null;
            var diff = timer.Measure("compute", () => ReachabilityDiffer.Compare(beforeSnapshot, afterSnapshot, factory));
            timer.Measure("render", () => DiffWriter.Write(stdout, diff, parseResult.GetValue(output)!));
            return ExitCodes.Ok;
        });
        return command;
    }
}
