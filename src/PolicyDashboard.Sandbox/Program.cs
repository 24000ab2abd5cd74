using System.Globalization;
using System.Runtime.InteropServices;
using PolicyDashboard.Core.Scenarios;

namespace PolicyDashboard.Sandbox;

/// <summary>
/// The standalone sandbox: <c>--port P [--scenario demo|scale|empty] [--namespaces N --pods N --policies N --seed S]
/// [--kubeconfig FILE] [--grant user=NAME|group=NAME:VERBS:RESOURCES[:NAMESPACES]]…</c>. Serves until Ctrl+C.
/// </summary>
internal static class SandboxProgram
{
    private const string Usage = """
        Usage: PolicyDashboard.Sandbox --port <port> [--scenario demo|scale|empty]
                                       [--namespaces N] [--pods N] [--policies N] [--seed S]
                                       [--kubeconfig <file>]
                                       [--grant user=NAME|group=NAME:VERBS:RESOURCES[:NAMESPACES]]...

        Requests with impersonation headers (kubectl --as/--as-group) may only do what a --grant allows, e.g.
          --grant group=netpol-editors:create,patch,delete:networking.k8s.io/networkpolicies:shop
        (resources as group/resource, or resource for the core group; * for all; no namespaces = everywhere).

        Serves an in-memory Kubernetes-compatible API on http://127.0.0.1:<port> and writes a kubeconfig for it
        (default: ./sandbox.kubeconfig). --port 0 picks a free port. Stop with Ctrl+C.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (!TryParse(args, out var options, out var kubeconfig, out var error))
        {
            await Console.Error.WriteLineAsync($"error: {error}");
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var p in problems) await Console.Error.WriteLineAsync($"error: {p}");
            return 2;
        }

        var stop = new CancellationTokenSource();
        // Ctrl+C and SIGTERM stop the server gracefully; the process then ends from Main.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(options, stop.Token);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"error: cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
            return 1;
        }
        await using (server)
        {
            var path = server.WriteKubeconfig(kubeconfig);
            Console.WriteLine($"Sandbox API server ({options.Scenario} scenario) listening on {server.BaseAddress}");
            Console.WriteLine($"kubeconfig: {path}");
            Console.WriteLine($"Try: kubectl --kubeconfig {path} get pods -A");
            Console.WriteLine("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return 0;
    }

    internal static bool TryParse(string[] args, out SandboxOptions options, out string kubeconfig, out string error)
    {
        options = new SandboxOptions();
        kubeconfig = "sandbox.kubeconfig";
        error = "";
        int? port = null;
        var scale = new ScaleScenarioOptions();
        var grants = new List<Authorization.SandboxGrant>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            string? inline = null;
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Length) throw new FormatException($"{name} needs a value");
                return args[++i];
            }
            int Number()
            {
                var v = Value();
                return int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : throw new FormatException($"{name} must be a whole number (got \"{v}\")");
            }
            try
            {
                switch (name)
                {
                    case "--port": port = Number(); break;
                    case "--scenario": options = options with { Scenario = Value() }; break;
                    case "--namespaces": scale = scale with { Namespaces = Number() }; break;
                    case "--pods": scale = scale with { Pods = Number() }; break;
                    case "--policies": scale = scale with { Policies = Number() }; break;
                    case "--nodes": scale = scale with { Nodes = Number() }; break;
                    case "--seed": scale = scale with { Seed = Number() }; break;
                    case "--kubeconfig": kubeconfig = Value(); break;
                    case "--grant":
                        if (!Authorization.SandboxGrant.TryParse(Value(), out var grant, out error)) return false;
                        grants.Add(grant);
                        break;
                    default:
                        error = $"unknown argument \"{args[i]}\"";
                        return false;
                }
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return false;
            }
        }
        if (port is null)
        {
            error = "--port is required";
            return false;
        }
        options = options with { Port = port.Value, Scale = scale, Grants = grants };
        return true;
    }
}
