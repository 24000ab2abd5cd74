namespace PolicyDashboard.Web.Tester;

public enum SourceKind { Pod, Hypothetical }

public enum DestinationKind { Pod, Service, Ip }

/// <summary>
/// The tester's form as typed, one string per field: what the query string carries (deep links) and what the page
/// binds. Nothing here is validated; <see cref="ConnectivityTester"/> checks it and names the field of each problem.
/// </summary>
public sealed record TesterQuery(
    SourceKind Source = SourceKind.Pod,
    string? From = null,
    string? Namespace = "default",
    string? Name = "busybox",
    string? Labels = "run=busybox",
    DestinationKind Destination = DestinationKind.Pod,
    string? To = null,
    string? Port = null,
    string? Protocol = "TCP")
{
    /// <summary>Field names: the query-string keys, and the keys of the errors shown at each field.</summary>
    public static class Fields
    {
        public const string Source = "source";
        public const string From = "from";
        public const string Namespace = "ns";
        public const string Name = "name";
        public const string Labels = "labels";
        public const string Destination = "dest";
        public const string To = "to";
        public const string Port = "port";
        public const string Protocol = "protocol";
    }

    /// <summary>Whether there is anything to test: a source and a destination were given.</summary>
    public bool IsComplete => !string.IsNullOrWhiteSpace(To) && (Source == SourceKind.Hypothetical || !string.IsNullOrWhiteSpace(From));

    /// <summary>The relative URL of the tester with this query (the page's deep link).</summary>
    public string ToUrl()
    {
        var parts = new List<string> { $"{Fields.Source}={(Source == SourceKind.Pod ? "pod" : "hypothetical")}" };
        if (Source == SourceKind.Pod) Add(parts, Fields.From, From);
        else
        {
            Add(parts, Fields.Namespace, Namespace);
            Add(parts, Fields.Name, Name);
            Add(parts, Fields.Labels, Labels);
        }
        parts.Add($"{Fields.Destination}={Destination.ToString().ToLowerInvariant()}");
        Add(parts, Fields.To, To);
        Add(parts, Fields.Port, Port);
        if (!string.IsNullOrEmpty(Protocol) && Protocol != "TCP") Add(parts, Fields.Protocol, Protocol);
        return "tester?" + string.Join("&", parts);
    }

    /// <summary>Reads the query-string values; unknown kinds fall back to the defaults.</summary>
    public static TesterQuery Parse(string? source, string? from, string? ns, string? name, string? labels,
        string? dest, string? to, string? port, string? protocol)
    {
        var defaults = new TesterQuery();
        return new TesterQuery(
            string.Equals(source, "hypothetical", StringComparison.OrdinalIgnoreCase) ? SourceKind.Hypothetical : SourceKind.Pod,
            from,
            ns ?? defaults.Namespace,
            name ?? defaults.Name,
            labels ?? defaults.Labels,
            dest?.ToLowerInvariant() switch { "service" => DestinationKind.Service, "ip" => DestinationKind.Ip, _ => DestinationKind.Pod },
            to,
            port,
            string.IsNullOrEmpty(protocol) ? defaults.Protocol : protocol);
    }

    private static void Add(List<string> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) parts.Add($"{key}={Uri.EscapeDataString(value)}");
    }

    // Links to the tester from the detail pages.
    public static string PodToPod(PolicyDashboard.Core.Model.ObjectKey from, PolicyDashboard.Core.Model.ObjectKey to, int port, PolicyDashboard.Core.Model.Protocol protocol) =>
        new TesterQuery(SourceKind.Pod, from.ToString(), Destination: DestinationKind.Pod, To: to.ToString(),
            Port: port.ToString(System.Globalization.CultureInfo.InvariantCulture), Protocol: protocol.ToString()).ToUrl();

    /// <summary>The tester with this pod as the source, the destination still to choose.</summary>
    public static string FromPod(PolicyDashboard.Core.Model.ObjectKey pod) =>
        new TesterQuery(SourceKind.Pod, pod.ToString()).ToUrl();

    /// <summary>The seed's question for any service: would a new unlabelled busybox pod in its namespace reach it?</summary>
    public static string BusyboxToService(PolicyDashboard.Core.Model.ObjectKey service) =>
        new TesterQuery(SourceKind.Hypothetical, Namespace: service.Namespace, Destination: DestinationKind.Service, To: service.ToString()).ToUrl();

    public static string PodToService(PolicyDashboard.Core.Model.ObjectKey from, PolicyDashboard.Core.Model.ObjectKey service, int port, PolicyDashboard.Core.Model.Protocol protocol) =>
        new TesterQuery(SourceKind.Pod, from.ToString(), Destination: DestinationKind.Service, To: service.ToString(),
            Port: port.ToString(System.Globalization.CultureInfo.InvariantCulture), Protocol: protocol.ToString()).ToUrl();
}
