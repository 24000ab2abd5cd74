using System.CommandLine;
using System.Globalization;
using System.Text;
using PolicyDashboard.Cli.Output;
using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Cli.Commands;

/// <summary><c>policydash generate</c>: the deterministic scale scenario (the demo's and the benchmarks') as a manifest.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new ScaleScenarioOptions();
        var namespaces = Number("--namespaces", "Namespaces to create (at least 1).", defaults.Namespaces);
        var pods = Number("--pods", "Pods in total, spread over the namespaces.", defaults.Pods);
        var policies = Number("--policies", "NetworkPolicies in total (a few admin-tier policies come on top).", defaults.Policies);
        var seed = Number("--seed", "Seed of the generator: the same numbers and seed always give the same bytes.", defaults.Seed);
        var nodes = Number("--nodes", "Nodes to spread the pods over (0: one per 100 pods, at least 3).", defaults.Nodes);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The file to write (overwritten); standard output when omitted.",
            HelpName = "file",
        };
        var timings = CommonOptions.Timings();

        var command = new Command("generate",
            "Write the deterministic scale scenario as one multi-document YAML manifest: nodes, namespaces, services, " +
            "running pods (with IPs, owned by Deployments), NetworkPolicies and admin-tier policies. The output loads back " +
            "with --manifests.")
        {
            namespaces, pods, policies, seed, nodes, output, timings,
        };

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var timer = new PhaseTimer(parseResult.GetValue(timings) ? stderr : null);
            var options = new ScaleScenarioOptions
            {
                Namespaces = parseResult.GetValue(namespaces),
                Pods = parseResult.GetValue(pods),
                Policies = parseResult.GetValue(policies),
                Seed = parseResult.GetValue(seed),
                Nodes = parseResult.GetValue(nodes),
            };
            var problems = options.Validate();
            if (problems.Count > 0)
                throw new CliException("--" + string.Join("; --", problems));

            var cluster = timer.Measure("generate", () => ScaleScenario.Generate(options));
            var yaml = timer.Measure("render", () => ModelToKube.ToYaml(cluster));
            var file = parseResult.GetValue(output);
            if (file is null)
            {
                stdout.Write(yaml);
                return ExitCodes.Ok;
            }

            try
            {
                timer.Measure("write", () => File.WriteAllText(file, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                throw new CliException($"cannot write '{file}': {e.Message}");
            }
            stderr.WriteLine($"wrote {file}: {cluster.Namespaces.Length} namespaces, {cluster.Pods.Length} pods, " +
                             $"{cluster.NetworkPolicies.Length} NetworkPolicies, {cluster.AdminPolicies.Length} admin-tier policies");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<int> Number(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "n",
    };
}
