using System.Collections.Immutable;
using System.Text.Json.Nodes;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Golden;

/// <summary>
/// A small reader of the Kubernetes manifests used by golden scenarios (Namespace, Pod, Node, NetworkPolicy,
/// AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, List) into the Core model. It follows
/// the API's field meanings; the product's loader lives in the Kube layer, which Core tests must not reference.
/// </summary>
internal static class GoldenManifestReader
{
    public static ClusterSnapshot Read(string yaml)
    {
        var snapshot = ClusterSnapshot.Empty;
        foreach (var doc in YamlTree.Documents(yaml))
            snapshot = Add(snapshot, doc);
        return snapshot;
    }

    private static ClusterSnapshot Add(ClusterSnapshot s, JsonObject obj)
    {
        switch (Str(obj["kind"]))
        {
            case "List":
                foreach (var item in Arr(obj["items"]).OfType<JsonObject>()) s = Add(s, item);
                return s;
            case "Namespace":
                var ns = new NamespaceInfo(Meta(obj, false));
                return s with { Namespaces = s.Namespaces.SetItem(ns.Meta.Key, ns) };
            case "Pod":
                var pod = Pod(obj);
                return s with { Pods = s.Pods.SetItem(pod.Key, pod) };
            case "Node":
                var node = new NodeInfo(Meta(obj, false),
                    [.. Arr(obj["status"]?["addresses"]).Select(a => Str(a?["address"])).OfType<string>()]);
                return s with { Nodes = s.Nodes.SetItem(node.Meta.Key, node) };
            case "NetworkPolicy":
                var np = NetworkPolicy(obj);
                return s with { NetworkPolicies = s.NetworkPolicies.SetItem(np.Key, np) };
            case "AdminNetworkPolicy":
                return AddAdmin(s, Admin(obj, AdminPolicyKind.AdminNetworkPolicy));
            case "BaselineAdminNetworkPolicy":
                return AddAdmin(s, Admin(obj, AdminPolicyKind.BaselineAdminNetworkPolicy));
            case "ClusterNetworkPolicy":
                return AddAdmin(s, Admin(obj, AdminPolicyKind.ClusterNetworkPolicy));
            default:
                throw new InvalidDataException($"golden manifest: unsupported kind {Str(obj["kind"])}");
        }
    }

    private static ClusterSnapshot AddAdmin(ClusterSnapshot s, AdminPolicyInfo p) => s with { AdminPolicies = s.AdminPolicies.SetItem(p.Key, p) };

    private static ObjectMeta Meta(JsonObject obj, bool namespaced)
    {
        var m = obj["metadata"];
        return new ObjectMeta(Str(m?["name"]) ?? "", namespaced ? Str(m?["namespace"]) ?? "default" : null, Labels: Map(m?["labels"]));
    }

    private static PodInfo Pod(JsonObject obj)
    {
        var spec = obj["spec"];
        var status = obj["status"];
        var ips = Arr(status?["podIPs"]).Select(p => Str(p?["ip"])).OfType<string>().ToImmutableArray();
        if (ips.IsEmpty && Str(status?["podIP"]) is { } single) ips = [single];
        var ports = Arr(spec?["containers"]).SelectMany(c => Arr(c?["ports"]).Select(p => new ContainerPort(
            Str(p?["name"]), Int(p?["containerPort"]) ?? 0, Proto(Str(p?["protocol"])), Str(c?["name"])))).ToImmutableArray();
        return new PodInfo(Meta(obj, true), ips, ports, Bool(spec?["hostNetwork"]), Str(status?["phase"]) ?? "Running", Str(spec?["nodeName"]));
    }

    private static Protocol Proto(string? s) => ProtocolNames.TryParse(s, out var p) ? p : Protocol.TCP;

    private static NetworkPolicyInfo NetworkPolicy(JsonObject obj)
    {
        var spec = obj["spec"];
        var types = spec?["policyTypes"] is JsonArray t
            ? t.Select(x => Str(x) == "Egress" ? PolicyType.Egress : PolicyType.Ingress).ToImmutableArray()
            : (ImmutableArray<PolicyType>?)null;
        return new NetworkPolicyInfo(Meta(obj, true), Selector(spec?["podSelector"]) ?? LabelSelector.Everything, types,
            [.. Arr(spec?["ingress"]).Select(r => NpRule(r, "from"))],
            [.. Arr(spec?["egress"]).Select(r => NpRule(r, "to"))]);
    }

    private static NetworkPolicyRule NpRule(JsonNode? rule, string peers) => new(
        [.. Arr(rule?[peers]).Select(p => new NetworkPolicyPeer(Selector(p?["podSelector"]), Selector(p?["namespaceSelector"]),
            p?["ipBlock"] is { } b ? new IpBlock(Str(b["cidr"]) ?? "", [.. Arr(b["except"]).Select(Str).OfType<string>()]) : null))],
        [.. Arr(rule?["ports"]).Select(p => new NetworkPolicyPort(Str(p?["protocol"]),
            p?["port"] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<long>(out var n) => IntOrString.Of((int)n),
                var v => IntOrString.Of(Str(v) ?? ""),
            },
            Int(p?["endPort"])))]);

    private static AdminPolicyInfo Admin(JsonObject obj, AdminPolicyKind kind)
    {
        var spec = obj["spec"];
        var tier = kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => AdminTier.Admin,
            AdminPolicyKind.BaselineAdminNetworkPolicy => AdminTier.Baseline,
            _ => Str(spec?["tier"]) == "Baseline" ? AdminTier.Baseline : AdminTier.Admin,
        };
        var subject = new AdminSubject(Selector(spec?["subject"]?["namespaces"]), Pods(spec?["subject"]?["pods"]));
        var v2 = kind == AdminPolicyKind.ClusterNetworkPolicy;
        return new AdminPolicyInfo(Meta(obj, false), kind, tier, kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? null : Int(spec?["priority"]),
            subject, [.. Arr(spec?["ingress"]).Select(r => AdminRule(r, "from", v2))], [.. Arr(spec?["egress"]).Select(r => AdminRule(r, "to", v2))]);
    }

    private static AdminRule AdminRule(JsonNode? r, string peers, bool v2) => new(
        Str(r?["name"]), Str(r?["action"]) ?? "",
        [.. Arr(r?[peers]).Select(p => new AdminPeer(Selector(p?["namespaces"]), Pods(p?["pods"]), Selector(p?["nodes"]),
            p?["networks"] is JsonArray n ? [.. n.Select(Str).OfType<string>()] : null))],
        v2 ? Protocols(r?["protocols"]) : Ports(r?["ports"]));

    /// <summary>v1alpha1 ports: portNumber / portRange (protocol defaults to TCP) / namedPort.</summary>
    private static ImmutableArray<AdminPort>? Ports(JsonNode? ports)
    {
        if (ports is not JsonArray list) return null;
        var result = ImmutableArray.CreateBuilder<AdminPort>();
        foreach (var p in list)
        {
            if (p?["portNumber"] is { } n) result.Add(new AdminPort.Number(Str(n["protocol"]) ?? "TCP", Int(n["port"]) ?? 0));
            if (p?["portRange"] is { } r) result.Add(new AdminPort.Range(Str(r["protocol"]) ?? "TCP", Int(r["start"]) ?? 0, Int(r["end"]) ?? 0));
            if (Str(p?["namedPort"]) is { } name) result.Add(new AdminPort.Named(name));
        }
        return result.ToImmutable();
    }

    /// <summary>v1alpha2 protocols: tcp/udp/sctp with an optional destinationPort (number or range); none = every port of it.</summary>
    private static ImmutableArray<AdminPort>? Protocols(JsonNode? protocols)
    {
        if (protocols is not JsonArray list) return null;
        var result = ImmutableArray.CreateBuilder<AdminPort>();
        foreach (var p in list)
        {
            foreach (var (key, proto) in new[] { ("tcp", "TCP"), ("udp", "UDP"), ("sctp", "SCTP") })
            {
                if (p?[key] is not JsonObject entry) continue;
                var dp = entry["destinationPort"];
                if (Int(dp?["number"]) is { } number) result.Add(new AdminPort.Number(proto, number));
                else if (dp?["range"] is { } range) result.Add(new AdminPort.Range(proto, Int(range["start"]) ?? 0, Int(range["end"]) ?? 0));
                else result.Add(new AdminPort.Range(proto, 1, 65535));
            }
            if (Str(p?["destinationNamedPort"]) is { } name) result.Add(new AdminPort.Named(name));
        }
        return result.ToImmutable();
    }

    private static NamespacedPodSelector? Pods(JsonNode? pods) => pods is null ? null
        : new NamespacedPodSelector(Selector(pods["namespaceSelector"]) ?? LabelSelector.Everything, Selector(pods["podSelector"]) ?? LabelSelector.Everything);

    /// <summary>An absent selector is null; a present one (even <c>{}</c>) is a selector.</summary>
    private static LabelSelector? Selector(JsonNode? node)
    {
        if (node is not JsonObject obj) return null;
        return new LabelSelector(Map(obj["matchLabels"]),
            [.. Arr(obj["matchExpressions"]).Select(e => new LabelSelectorRequirement(Str(e?["key"]) ?? "", Str(e?["operator"]) ?? "",
                [.. Arr(e?["values"]).Select(v => Str(v) ?? "")]))]);
    }

    private static Labels Map(JsonNode? node) => node is JsonObject o
        ? Labels.From(o.Select(kv => KeyValuePair.Create(kv.Key, Str(kv.Value) ?? "")))
        : Labels.Empty;

    private static JsonArray Arr(JsonNode? node) => node as JsonArray ?? [];
    private static string? Str(JsonNode? node) => node is JsonValue v ? v.ToString() : null;
    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? (int)n : null;
    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
