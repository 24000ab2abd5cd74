using System.Collections.Immutable;
using System.Globalization;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Inventory;
using Endpoint = PolicyDashboard.Core.Reachability.Endpoint;
using F = PolicyDashboard.Web.Tester.TesterQuery.Fields;

namespace PolicyDashboard.Web.Tester;

/// <summary>
/// Answers "can this source open a connection to that destination, on which port, and why" from the shared result.
/// An existing source pod is evaluated by the shared engine. A hypothetical pod (what <c>kubectl run busybox
/// --labels=…</c> would create) is evaluated by a reference engine over the snapshot plus that pod: it is selected by
/// labels like any pod, but it has no IP yet, so no ipBlock (or ANP networks peer) can match it as a source. A
/// service port is resolved to its backing pods and, on each, the targetPort. Never throws for bad input: every
/// problem names its field.
/// </summary>
public static class ConnectivityTester
{
    public static TesterOutcome Run(AnalysisResult analysis, TesterQuery query)
    {
        var errors = ImmutableDictionary.CreateBuilder<string, string>();
        var snapshot = analysis.Snapshot;

        // Source.
        PodInfo? source = null;
        if (query.Source == SourceKind.Pod)
            source = FindPod(snapshot, query.From, F.From, "pod", errors);
        else
            source = Hypothetical(snapshot, query, errors);

        // Destination.
        PodInfo? destinationPod = null;
        ServiceInfo? service = null;
        string? ip = null;
        switch (query.Destination)
        {
            case DestinationKind.Pod:
                destinationPod = FindPod(snapshot, query.To, F.To, "pod", errors);
                break;
            case DestinationKind.Service:
                if (ParseKey(query.To, F.To, "service", errors) is { } key)
                {
                    if (snapshot.Services.TryGetValue(key, out var svc)) service = svc;
                    else errors[F.To] = $"no service {key} in the cluster";
                }
                break;
            case DestinationKind.Ip:
                var text = query.To?.Trim();
                if (string.IsNullOrEmpty(text)) errors[F.To] = "enter an IPv4 or IPv6 address";
                else if (!IpAddr.TryParse(text, out _)) errors[F.To] = $"\"{text}\" is not an IPv4 or IPv6 address";
                else ip = text;
                break;
        }

        // Port and protocol.
        var protocol = Protocol.TCP;
        if (!string.IsNullOrEmpty(query.Protocol) && !ProtocolNames.TryParse(query.Protocol, out protocol))
            errors[F.Protocol] = $"\"{query.Protocol}\" is not a protocol: use TCP, UDP or SCTP";
        var port = ParsePort(query.Port, errors);
        if (port is PortChoice.Named && query.Destination == DestinationKind.Ip)
            errors[F.Port] = "an external address has no named ports: enter a port number";
        if (port is PortChoice.All && query.Destination == DestinationKind.Ip)
            errors[F.Port] = "an external address declares no ports: enter a port number";

        if (errors.Count > 0) return new TesterOutcome(errors.ToImmutable(), [], []);

        var notes = ImmutableArray.CreateBuilder<string>();
        IReachabilityEngine engine = analysis.Engine;
        if (query.Source == SourceKind.Hypothetical)
        {
            // The shared result is never changed: the hypothetical pod lives only in this engine's snapshot.
            engine = ReferenceEngine.For(snapshot with { Pods = snapshot.Pods.SetItem(source!.Key, source) });
            notes.Add($"{source.Namespace}/{source.Name} is hypothetical: it is selected by its labels like any pod, but it has no IP, so no ipBlock matches it as a source.");
            if (!snapshot.Namespaces.ContainsKey(new ObjectKey("", source.Namespace)))
                notes.Add($"Namespace {source.Namespace} does not exist: namespace selectors see only its kubernetes.io/metadata.name label.");
        }
        var from = Endpoint.Of(source!);

        var rows = ImmutableArray.CreateBuilder<TesterRow>();
        if (destinationPod is not null)
        {
            var ports = PodPorts(destinationPod, port!, protocol, out var problem);
            if (problem is not null) return new TesterOutcome(ImmutableDictionary<string, string>.Empty.Add(F.Port, problem), [], []);
            foreach (var (number, proto, label) in ports)
                rows.Add(new TesterRow($"{destinationPod.Namespace}/{destinationPod.Name}", label,
                    engine.Evaluate(from, Endpoint.Of(destinationPod), number, proto), null));
        }
        else if (ip is not null)
        {
            var number = ((PortChoice.Number)port!).Value;
            rows.Add(new TesterRow(ip, $"{number}/{protocol}", engine.Evaluate(from, Endpoint.Of(ip), number, protocol), null));
        }
        else if (service is not null)
        {
            var servicePorts = ServicePorts(service, port!, protocol, out var problem);
            if (problem is not null) return new TesterOutcome(ImmutableDictionary<string, string>.Empty.Add(F.Port, problem), [], []);
            var backing = ServiceRelations.BackingPods(snapshot, service);
            if (backing.Count == 0)
                notes.Add(service.Selector is { Count: > 0 }
                    ? $"No pod matches the selector of service {service.Namespace}/{service.Name}: a connection to it has nowhere to go."
                    : $"Service {service.Namespace}/{service.Name} has no selector: its endpoints are managed outside Kubernetes, so there is no pod to evaluate.");
            foreach (var (sp, index) in servicePorts)
            {
                var portLabel = $"{(string.IsNullOrEmpty(sp.Name) ? "" : sp.Name + " ")}{sp.Port}/{sp.Protocol}";
                foreach (var b in backing)
                {
                    var target = b.Ports[index];
                    var name = $"{b.Pod.Namespace}/{b.Pod.Name}";
                    if (b.NotAnEndpointBecause is { } why)
                        rows.Add(new TesterRow(name, $"{portLabel} → {target.Port?.ToString(CultureInfo.InvariantCulture) ?? "?"}", null, $"receives no traffic: {why}"));
                    else if (target.Port is not { } targetPort)
                        rows.Add(new TesterRow(name, $"{portLabel} → {sp.TargetPort}", null, $"targetPort does not resolve on this pod: {target.Problem}"));
                    else
                        rows.Add(new TesterRow(name, $"{portLabel} → {targetPort}/{sp.Protocol}",
                            engine.Evaluate(from, Endpoint.Of(b.Pod), targetPort, sp.Protocol), null));
                }
            }
        }
        return new TesterOutcome(ImmutableDictionary<string, string>.Empty, rows.ToImmutable(), notes.ToImmutable());
    }

    private abstract record PortChoice
    {
        public sealed record All : PortChoice;
        public sealed record Number(int Value) : PortChoice;
        public sealed record Named(string Name) : PortChoice;
    }

    private static PortChoice? ParsePort(string? text, ImmutableDictionary<string, string>.Builder errors)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Equals("all", StringComparison.OrdinalIgnoreCase)) return new PortChoice.All();
        if (text.All(char.IsAsciiDigit) || text.StartsWith('-'))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && ApiSyntax.PortNumber(n).Count == 0)
                return new PortChoice.Number((int)n);
            errors[F.Port] = $"port {text} is out of range: it must be between 1 and 65535";
            return null;
        }
        var problems = ApiSyntax.PortName(text);
        if (problems.Count == 0) return new PortChoice.Named(text);
        errors[F.Port] = $"\"{text}\" is neither a port number (1-65535) nor a port name: {string.Join("; ", problems)}";
        return null;
    }

    /// <summary>
    /// The ports to test on a destination pod: a number with the chosen protocol; a name resolved on the pod's
    /// container ports (with the protocol the container port declares); or every declared container port.
    /// </summary>
    private static List<(int Port, Protocol Protocol, string Label)> PodPorts(PodInfo pod, PortChoice port, Protocol protocol, out string? problem)
    {
        problem = null;
        var declared = pod.Ports.IsDefault ? [] : pod.Ports;
        switch (port)
        {
            case PortChoice.Number n:
                return [(n.Value, protocol, $"{n.Value}/{protocol}")];
            case PortChoice.Named named:
                var matches = declared.Where(cp => string.Equals(cp.Name, named.Name, StringComparison.Ordinal)).ToList();
                if (matches.Count == 0)
                {
                    problem = $"pod {pod.Namespace}/{pod.Name} declares no container port named \"{named.Name}\"";
                    return [];
                }
                return [.. matches.Select(cp => (cp.Port, cp.Protocol, $"{cp.Name} → {cp.Port}/{cp.Protocol}"))];
            default:
                if (declared.IsEmpty)
                {
                    problem = $"pod {pod.Namespace}/{pod.Name} declares no container ports: enter a port number";
                    return [];
                }
                return [.. declared.Select(cp => (cp.Port, cp.Protocol, string.IsNullOrEmpty(cp.Name) ? $"{cp.Port}/{cp.Protocol}" : $"{cp.Name} → {cp.Port}/{cp.Protocol}"))];
        }
    }

    /// <summary>The service ports to test: by number (and protocol), by name, or all of them; with their index in the service.</summary>
    private static List<(ServicePortInfo Port, int Index)> ServicePorts(ServiceInfo service, PortChoice port, Protocol protocol, out string? problem)
    {
        problem = null;
        var all = (service.Ports.IsDefault ? [] : service.Ports).Select((p, i) => (p, i)).ToList();
        var chosen = port switch
        {
            PortChoice.Number n => all.Where(x => x.p.Port == n.Value && x.p.Protocol == protocol).ToList(),
            PortChoice.Named named => all.Where(x => string.Equals(x.p.Name, named.Name, StringComparison.Ordinal)).ToList(),
            _ => all,
        };
        if (chosen.Count == 0)
        {
            var offered = all.Count == 0 ? "none" : string.Join(", ", all.Select(x => SpecText.ServicePort(x.p)));
            problem = port switch
            {
                PortChoice.Number n => $"service {service.Namespace}/{service.Name} has no port {n.Value}/{protocol} (its ports: {offered})",
                PortChoice.Named named => $"service {service.Namespace}/{service.Name} has no port named \"{named.Name}\" (its ports: {offered})",
                _ => $"service {service.Namespace}/{service.Name} has no ports",
            };
        }
        return chosen;
    }

    private static PodInfo? FindPod(ClusterSnapshot snapshot, string? text, string field, string what, ImmutableDictionary<string, string>.Builder errors)
    {
        if (ParseKey(text, field, what, errors) is not { } key) return null;
        if (snapshot.Pods.TryGetValue(key, out var pod)) return pod;
        errors[field] = $"no pod {key} in the cluster";
        return null;
    }

    private static ObjectKey? ParseKey(string? text, string field, string what, ImmutableDictionary<string, string>.Builder errors)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = $"enter a {what} as namespace/name";
            return null;
        }
        var parts = text.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            errors[field] = $"\"{text}\" is not namespace/name";
            return null;
        }
        return new ObjectKey(parts[0], parts[1]);
    }

    /// <summary>
    /// The pod <c>kubectl run NAME --labels=… -n NAMESPACE</c> would create, before it is scheduled: labels as given,
    /// no IP yet (<see cref="PodInfo.AddressUnknown"/>: selectable, reachable, never matched by an address peer).
    /// </summary>
    private static PodInfo? Hypothetical(ClusterSnapshot snapshot, TesterQuery query, ImmutableDictionary<string, string>.Builder errors)
    {
        var ns = query.Namespace?.Trim() ?? "";
        var name = query.Name?.Trim() ?? "";
        if (ns.Length == 0) errors[F.Namespace] = "enter the namespace the pod would run in";
        else if (ApiSyntax.Dns1123Label(ns) is { Count: > 0 } nsProblems) errors[F.Namespace] = $"\"{ns}\": {string.Join("; ", nsProblems)}";
        if (name.Length == 0) errors[F.Name] = "enter a pod name";
        else if (ApiSyntax.Dns1123Subdomain(name) is { Count: > 0 } nameProblems) errors[F.Name] = $"\"{name}\": {string.Join("; ", nameProblems)}";
        else if (ns.Length > 0 && snapshot.Pods.ContainsKey(new ObjectKey(ns, name)))
            errors[F.Name] = $"a pod {ns}/{name} exists: choose another name, or test from the existing pod";
        var labels = ParseLabels(query.Labels, errors);
        if (errors.ContainsKey(F.Namespace) || errors.ContainsKey(F.Name) || labels is null) return null;
        return new PodInfo(new ObjectMeta(name, ns, Labels: labels), [], [], Phase: "Pending", AddressUnknown: true);
    }

    /// <summary><c>key=value,key2=value2</c>, as <c>kubectl run --labels</c> takes them; keys and values checked as apimachinery does.</summary>
    public static Labels? ParseLabels(string? text, ImmutableDictionary<string, string>.Builder errors)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0) continue;
            var eq = raw.IndexOf('=');
            if (eq < 0)
            {
                errors[F.Labels] = $"\"{raw}\" is not key=value";
                return null;
            }
            var key = raw[..eq].Trim();
            var value = raw[(eq + 1)..].Trim();
            if (ApiSyntax.LabelKey(key) is { Count: > 0 } keyProblems)
            {
                errors[F.Labels] = $"label key \"{key}\": {string.Join("; ", keyProblems)}";
                return null;
            }
            if (ApiSyntax.LabelValue(value) is { Count: > 0 } valueProblems)
            {
                errors[F.Labels] = $"label value \"{value}\" of {key}: {string.Join("; ", valueProblems)}";
                return null;
            }
            if (!pairs.TryAdd(key, value))
            {
                errors[F.Labels] = $"label key \"{key}\" is given twice";
                return null;
            }
        }
        return Core.Model.Labels.From(pairs);
    }
}
