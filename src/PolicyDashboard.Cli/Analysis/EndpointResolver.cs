using System.Net;
using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>
/// Turns <c>namespace/pod</c> and <c>ip:ADDRESS</c> into engine endpoints. An address that belongs to a pod is that
/// pod (a pod's own address is how traffic reaches it; the first by namespace and name if several claim it). A
/// host-network pod's address is its node's, so it stays an address, as does any other (a node, or outside the
/// cluster): the engine decides what it is.
/// </summary>
public sealed class EndpointResolver
{
    private readonly ClusterSnapshot _snapshot;
    private readonly Dictionary<IPAddress, PodInfo> _podsByIp = [];

    public EndpointResolver(ClusterSnapshot snapshot)
    {
        _snapshot = snapshot;
        var ordered = snapshot.Pods.Values
            .Where(p => !p.HostNetwork)
            .OrderBy(p => p.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal);
        foreach (var pod in ordered)
            foreach (var text in pod.Ips.IsDefault ? [] : pod.Ips)
                if (IPAddress.TryParse(text, out var ip))
                    _podsByIp.TryAdd(Normalize(ip), pod);
    }

    /// <param name="role">How the endpoint is referred to in messages, e.g. "probe [3] \"to\"".</param>
    public Endpoint Resolve(EndpointSpec spec, string role) => spec switch
    {
        EndpointSpec.PodRef pod => _snapshot.Pods.TryGetValue(new ObjectKey(pod.Namespace, pod.Name), out var info)
            ? Endpoint.Of(info)
            : throw new CliException($"{role}: unknown pod '{pod}': no pod of that name in namespace '{pod.Namespace}' in the manifests"),
        EndpointSpec.IpRef ip => _podsByIp.TryGetValue(Normalize(ip.Address), out var owner)
            ? Endpoint.Of(owner)
            : Endpoint.Of(Normalize(ip.Address).ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>How the result names what an endpoint resolved to.</summary>
    public static string Describe(Endpoint endpoint) => endpoint switch
    {
        Endpoint.Pod pod => $"{pod.Info.Namespace}/{pod.Info.Name}",
        Endpoint.External external => $"ip:{external.Ip}",
        _ => endpoint.ToString() ?? "",
    };

    private static IPAddress Normalize(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
