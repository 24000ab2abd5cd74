using System.CommandLine;
using PolicyDashboard.Cli.Analysis;
using PolicyDashboard.Cli.Input;
using PolicyDashboard.Cli.Output;

namespace PolicyDashboard.Cli.Commands;

/// <summary><c>policydash explain</c>: the verdict for one connection and the trail of rules that decided it.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var manifests = CommonOptions.Manifests();
        var from = CommonOptions.Endpoint("--from", "The source: namespace/pod, or ip:ADDRESS (a pod's address is that pod; any other is outside the cluster).");
        var to = CommonOptions.Endpoint("--to", "The destination: namespace/pod, or ip:ADDRESS.");
        var port = new Option<int>("--port", "-p") { Description = "The destination port (1-65535).", Required = true };
        port.Validators.Add(result =>
        {
            if (!PortSpec.CheckRange(result.GetValueOrDefault<int>(), out var error))
                result.AddError($"--port: {error}");
        });
        var protocol = new Option<string>("--protocol")
        {
            Description = "TCP (default), UDP or SCTP.",
            DefaultValueFactory = _ => "TCP",
            HelpName = "TCP|UDP|SCTP",
        };
        protocol.Validators.Add(result =>
        {
            if (!PortSpec.TryParseProtocol(result.GetValueOrDefault<string>(), out _, out var error))
                result.AddError($"--protocol: {error}");
        });
        var engine = CommonOptions.Engine("reference");
        var output = CommonOptions.Output("Output format: text or json (the same object as one analyze --probes result).",
            OutputFormats.Text, OutputFormats.Json);
        var timings = CommonOptions.Timings();

        var command = new Command("explain",
            "Explain one connection: the verdict per direction (egress at the source, ingress at the destination) and the " +
            "deciding trail: tier, the policies that select the pod, the rule and peer that matched, or that nothing matched.")
        {
            manifests, from, to, port, protocol, engine, output, timings,
        };

        command.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var timer = new PhaseTimer(parseResult.GetValue(timings) ? stderr : null);

            var fromText = parseResult.GetValue(from)!;
            var toText = parseResult.GetValue(to)!;
            EndpointSpec.TryParse(fromText, out var fromSpec, out _);
            EndpointSpec.TryParse(toText, out var toSpec, out _);
            PortSpec.TryParseProtocol(parseResult.GetValue(protocol), out var protocolValue, out _);
            var probe = new Probe(0, fromText, fromSpec, toText, toSpec, parseResult.GetValue(port), protocolValue);

            var snapshot = ManifestInput.Load(parseResult.GetValue(manifests)!, stderr, timer);
            var session = ReachabilitySession.Create(snapshot, parseResult.GetValue(engine) ?? CommonOptions.ReferenceEngine, timer);
            var result = timer.Measure("compute", () => session.EvaluateProbes([probe])[0]);

            if (parseResult.GetValue(output) == OutputFormats.Json)
                Json.Write(stdout, ProbeResultWriter.ToJson(result));
            else
                ProbeResultWriter.WriteText(stdout, result);
            return ExitCodes.Ok;
        });
        return command;
    }
}
