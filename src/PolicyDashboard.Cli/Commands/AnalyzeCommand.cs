using System.CommandLine;
using PolicyDashboard.Cli.Analysis;
using PolicyDashboard.Cli.Input;
using PolicyDashboard.Cli.Output;

namespace PolicyDashboard.Cli.Commands;

/// <summary><c>policydash analyze</c>: the reachability matrix, or the verdicts of a probes file.</summary>
internal static class AnalyzeCommand
{
    private const string Description =
        "Compute who can reach whom.\n" +
        "Without --probes: the reachability matrix between every ordered pair of distinct pods, per port/protocol. " +
        "The ports are those given with --port; without --port, every port/protocol a pod serves (its container ports) " +
        "plus every numeric port policies mention (NetworkPolicy port and endPort, AdminNetworkPolicy portNumber and " +
        "portRange bounds, in their protocol). " +
        "Output 'table' groups pods by namespace and workload; 'json' and 'csv' list every pair; 'summary' is JSON " +
        "with, per port/protocol, the number of pods and of allowed ordered pod pairs.\n" +
        "With --probes: one result per probe, in the file's order (see --probes).";

    private const string ProbesDescription =
        "A JSON array of probes: [{\"from\": \"namespace/pod\" | \"ip:ADDRESS\", \"to\": …, \"port\": 80, \"protocol\": \"TCP\"}] " +
        "(protocol defaults to TCP; port may also name a container port of the destination pod). An ip: address that belongs to a pod is that pod; any other address is outside the cluster. " +
        "JSON results carry from, to (as written), port, protocol, allowed, ingressAllowed, egressAllowed, loopback, " +
        "explanation (text) and trace (structured).";

    public static Command Create()
    {
        var manifests = CommonOptions.Manifests();
        var probes = new Option<string?>("--probes") { Description = ProbesDescription, HelpName = "probes.json" };
        var ports = new Option<string[]>("--port", "-p")
        {
            Description = "A port to analyze, PORT[/PROTOCOL] (TCP when omitted; 1-65535), e.g. 80/TCP or 53/UDP. Repeatable; commas allowed.",
            HelpName = "port/protocol",
        };
        ports.Validators.Add(result =>
        {
            foreach (var text in result.GetValueOrDefault<string[]>() ?? [])
            foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!PortSpec.TryParse(part, out _, out var error))
                    result.AddError($"--port: {error}");
        });
        var engine = CommonOptions.Engine("fast for the matrix, reference for --probes");
        var output = CommonOptions.Output("Output format: table, json, csv or summary.",
            OutputFormats.Table, OutputFormats.Json, OutputFormats.Csv, OutputFormats.Summary);
        var timings = CommonOptions.Timings();

        var command = new Command("analyze", Description) { manifests, probes, ports, engine, output, timings };
        command.Validators.Add(result =>
        {
            if (result.GetResult(probes) is not null && result.GetResult(ports) is not null)
                result.AddError("--port and --probes cannot be combined: each probe names its own port");
        });

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var timer = new PhaseTimer(parseResult.GetValue(timings) ? stderr : null);
            var format = parseResult.GetValue(output)!;

            var probeFile = parseResult.GetValue(probes);
            var probeList = probeFile is null ? null : ProbeFile.Load(probeFile);

            var snapshot = ManifestInput.Load(parseResult.GetValue(manifests)!, stderr, timer);
            var engineName = parseResult.GetValue(engine) ?? (probeList is null ? CommonOptions.FastEngine : CommonOptions.ReferenceEngine);
            var session = ReachabilitySession.Create(snapshot, engineName, timer);

            if (probeList is not null)
            {
                var results = timer.Measure("compute", () => session.EvaluateProbes(probeList));
                timer.Measure("render", () => ProbeResultWriter.Write(stdout, results, format));
                return ExitCodes.Ok;
            }

            var portSpecs = (parseResult.GetValue(ports) ?? [])
                .SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(p => PortSpec.TryParse(p, out var spec, out _) ? spec : throw new CliException($"--port: '{p}' is not a port"))
                .Distinct()
                .Order()
                .ToArray();
            var selected = portSpecs.Length > 0 ? portSpecs : PortDiscovery.Discover(snapshot);
            var matrix = timer.Measure("compute", () => session.ComputeMatrix(selected));
            timer.Measure("render", () => MatrixWriter.Write(stdout, matrix, format));
            return ExitCodes.Ok;
        });
        return command;
    }
}
