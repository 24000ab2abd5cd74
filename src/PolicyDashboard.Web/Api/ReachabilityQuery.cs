using System.Globalization;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Web.Inventory;
using Endpoint = PolicyDashboard.Core.Reachability.Endpoint;

namespace PolicyDashboard.Web.Api;

/// <summary>
/// Resolves the API's pair parameters against a snapshot: <c>from</c> is <c>namespace/pod</c> or <c>ip:ADDRESS</c>;
/// <c>to</c> also <c>service:namespace/name</c>; <c>port</c> a number or a container port name of the destination pod
/// (for a service: the service port's number or name); <c>protocol</c> TCP (default), UDP or SCTP. Each problem names
/// its parameter.
/// </summary>
public static class ReachabilityQuery
{
    public static ReachabilityAnswer Evaluate(ClusterSnapshot snapshot, IReachabilityEngine engine, string? from, string? to, string? port, string? protocol,
        Dictionary<string, string[]> errors)
    {
        var proto = Protocol.TCP;
        if (!string.IsNullOrWhiteSpace(protocol) && !ProtocolNames.TryParse(protocol.Trim().ToUpperInvariant(), out proto))
            errors["protocol"] = [$"'{protocol}' is not a protocol: use TCP, UDP or SCTP"];
        if (string.IsNullOrWhiteSpace(port)) errors["port"] = ["required: a port number (1-65535) or a port name"];
        var source = ResolveEndpoint(snapshot, from, "from", errors, allowService: false);
        var target = ResolveTarget(snapshot, to, "to", errors, allowService: true);
        if (errors.Count > 0) return Empty(from, to, port, proto, snapshot);

        var notes = new List<string>();
        var verdicts = new List<Verdict>();
        if (target is ServiceTarget service)
        {
            var servicePort = service.Service.Ports.FirstOrDefault(p => p.Protocol == proto &&
                (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? p.Port == n : p.Name == port));
            if (servicePort is null)
            {
                errors["port"] = [$"service {service.Service.Namespace}/{service.Service.Name} has no {proto} port '{port}'"];
                return Empty(from, to, port, proto, snapshot);
            }
            foreach (var backing in ServiceRelations.BackingPods(snapshot, service.Service))
            {
                var resolved = ServiceRelations.ResolveTargetPort(servicePort, backing.Pod);
                if (resolved.Port is not { } targetPort)
                {
                    notes.Add($"{backing.Pod.Namespace}/{backing.Pod.Name}: {resolved.Problem}");
                    continue;
                }
                verdicts.Add(engine.Evaluate(source!, Endpoint.Of(backing.Pod), targetPort, proto));
            }
            if (verdicts.Count == 0) notes.Add("the service has no backing pod to reach");
        }
        else
        {
            var destination = ((EndpointTarget)target!).Endpoint;
            if (!TryPortNumber(port!, destination, proto, out var number, out var portError))
            {
                errors["port"] = [portError!];
                return Empty(from, to, port, proto, snapshot);
            }
            verdicts.Add(engine.Evaluate(source!, destination, number, proto));
        }
        return new ReachabilityAnswer(from!, to!, port!, proto, snapshot.Version, verdicts.Count > 0 && verdicts.All(v => v.Allowed), verdicts, notes);
    }

    private abstract record Target;
    private sealed record EndpointTarget(Endpoint Endpoint) : Target;
    private sealed record ServiceTarget(ServiceInfo Service) : Target;

    private static ReachabilityAnswer Empty(string? from, string? to, string? port, Protocol protocol, ClusterSnapshot snapshot) =>
        new(from ?? "", to ?? "", port ?? "", protocol, snapshot.Version, false, [], []);

    private static Endpoint? ResolveEndpoint(ClusterSnapshot snapshot, string? text, string name, Dictionary<string, string[]> errors, bool allowService) =>
        ResolveTarget(snapshot, text, name, errors, allowService) is EndpointTarget e ? e.Endpoint : null;

    private static Target? ResolveTarget(ClusterSnapshot snapshot, string? text, string name, Dictionary<string, string[]> errors, bool allowService)
    {
        var value = text?.Trim() ?? "";
        var forms = allowService ? "namespace/pod, ip:ADDRESS or service:namespace/name" : "namespace/pod or ip:ADDRESS";
        if (value.Length == 0)
        {
            errors[name] = [$"required: {forms}"];
            return null;
        }
        if (value.StartsWith("ip:", StringComparison.OrdinalIgnoreCase))
        {
            if (System.Net.IPAddress.TryParse(value[3..], out var ip)) return new EndpointTarget(Endpoint.Of(ip.ToString()));
            errors[name] = [$"'{value[3..]}' is not an IP address"];
            return null;
        }
        var service = value.StartsWith("service:", StringComparison.OrdinalIgnoreCase);
        if (service && !allowService)
        {
            errors[name] = [$"a service cannot be a source: use {forms}"];
            return null;
        }
        var key = service ? value[8..] : value;
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1 || key.IndexOf('/', slash + 1) >= 0)
        {
            errors[name] = [$"'{value}' is not {forms}"];
            return null;
        }
        var objectKey = new ObjectKey(key[..slash], key[(slash + 1)..]);
        if (service)
        {
            if (snapshot.Services.TryGetValue(objectKey, out var svc)) return new ServiceTarget(svc);
            errors[name] = [$"no service '{objectKey.Name}' in namespace '{objectKey.Namespace}'"];
            return null;
        }
        if (snapshot.Pods.TryGetValue(objectKey, out var pod)) return new EndpointTarget(Endpoint.Of(pod));
        errors[name] = [$"no pod '{objectKey.Name}' in namespace '{objectKey.Namespace}'"];
        return null;
    }

    /// <summary>A number, or the name of one of the destination pod's container ports with that protocol (as a NetworkPolicy named port resolves).</summary>
    private static bool TryPortNumber(string text, Endpoint destination, Protocol protocol, out int port, out string? error)
    {
        error = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            if (port is >= 1 and <= 65535) return true;
            error = $"'{text}' is not a port number between 1 and 65535";
            return false;
        }
        if (destination is Endpoint.Pod pod && !pod.Info.Ports.IsDefault && pod.Info.Ports.FirstOrDefault(p => p.Name == text && p.Protocol == protocol) is { Port: > 0 } named)
        {
            port = named.Port;
            return true;
        }
        error = destination is Endpoint.Pod p2 ? $"'{text}' is not a {protocol} container port name of {p2.Info.Namespace}/{p2.Info.Name}" : $"'{text}' is not a port number";
        return false;
    }
}
