using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Scenarios;
using YamlDotNet.Serialization;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// Core model records → Kubernetes objects (JSON as the API carries them, or KubernetesClient types), the reverse
/// of the converters in <c>PolicyDashboard.Kube.Convert</c>: used to seed the sandbox with a generated cluster and
/// to write it as manifests. Pods come out as a running pod would look (IP, node, ready containers), owned by the
/// ReplicaSet a Deployment would have made.
/// </summary>
public static class ModelToKube
{
    private const string AdminGroupV1Alpha1 = "policy.networking.k8s.io/v1alpha1";
    private const string AdminGroupV1Alpha2 = "policy.networking.k8s.io/v1alpha2";

    /// <summary>Every object of a generated cluster, in creation order (namespaces and nodes before what lives in them).</summary>
    public static IEnumerable<JsonObject> ToJsonObjects(GeneratedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        for (var i = 0; i < cluster.Nodes.Length; i++)
            yield return ToJson(cluster.Nodes[i], i < cluster.NodePodCidrs.Length ? cluster.NodePodCidrs[i] : null);
        foreach (var n in cluster.Namespaces) yield return ToJson(n);
        foreach (var s in cluster.Services) yield return ToJson(s);
        var hostIps = cluster.Nodes.ToDictionary(n => n.Name, n => n.Ips.FirstOrDefault(), StringComparer.Ordinal);
        foreach (var p in cluster.Pods) yield return ToJson(p, p.NodeName is { } node ? hostIps.GetValueOrDefault(node) : null);
        foreach (var p in cluster.NetworkPolicies) yield return ToJson(p);
        foreach (var p in cluster.AdminPolicies) yield return ToJson(p);
    }

    /// <summary>The cluster as one multi-document YAML manifest.</summary>
    public static string ToYaml(GeneratedCluster cluster)
    {
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var o in ToJsonObjects(cluster))
        {
            writer.WriteLine("---");
            serializer.Serialize(writer, Plain(o));
        }
        return writer.ToString();
    }

    public static V1Pod ToV1(PodInfo pod) => KubernetesJson.Deserialize<V1Pod>(ToJson(pod).ToJsonString());
    public static V1Namespace ToV1(NamespaceInfo ns) => KubernetesJson.Deserialize<V1Namespace>(ToJson(ns).ToJsonString());
    public static V1Service ToV1(ServiceInfo svc) => KubernetesJson.Deserialize<V1Service>(ToJson(svc).ToJsonString());
    public static V1NetworkPolicy ToV1(NetworkPolicyInfo policy) => KubernetesJson.Deserialize<V1NetworkPolicy>(ToJson(policy).ToJsonString());
    public static V1Node ToV1(NodeInfo node, string? podCidr = null) => KubernetesJson.Deserialize<V1Node>(ToJson(node, podCidr).ToJsonString());

    public static JsonObject ToJson(NamespaceInfo ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = Meta(ns.Meta),
    };

    public static JsonObject ToJson(NodeInfo node, string? podCidr = null)
    {
        var spec = new JsonObject();
        if (podCidr is not null)
        {
            spec["podCIDR"] = podCidr;
            spec["podCIDRs"] = new JsonArray(podCidr);
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = Meta(node.Meta),
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(node.Ips.Select(ip => (JsonNode)new JsonObject { ["type"] = "InternalIP", ["address"] = ip })
                    .Append(new JsonObject { ["type"] = "Hostname", ["address"] = node.Name }).ToArray()),
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "KubeletReady" }),
                ["nodeInfo"] = new JsonObject { ["kubeletVersion"] = "v1.32.0", ["operatingSystem"] = "linux", ["architecture"] = "amd64" },
            },
        };
    }

    public static JsonObject ToJson(PodInfo pod, string? hostIp = null)
    {
        var meta = Meta(pod.Meta);
        if (pod.Owner is { } owner)
        {
            // A Deployment owns its pods through a ReplicaSet named <deployment>-<pod-template-hash>.
            var (kind, name) = owner.Kind == "Deployment" && pod.Labels.TryGetValue("pod-template-hash", out var hash)
                ? ("ReplicaSet", $"{owner.Name}-{hash}")
                : (owner.Kind, owner.Name);
            meta["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = kind,
                ["name"] = name,
                ["uid"] = DeterministicUid($"{pod.Namespace}/{kind}/{name}"),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            });
        }
        var containers = new JsonArray();
        var byContainer = pod.Ports.GroupBy(p => p.Container ?? DefaultContainer(pod)).ToList();
        if (byContainer.Count == 0) containers.Add(new JsonObject { ["name"] = DefaultContainer(pod), ["image"] = "registry.example/app:1.0" });
        foreach (var group in byContainer)
        {
            containers.Add(new JsonObject
            {
                ["name"] = group.Key,
                ["image"] = $"registry.example/{group.Key}:1.0",
                ["ports"] = new JsonArray(group.Select(p =>
                {
                    var port = new JsonObject();
                    if (p.Name is not null) port["name"] = p.Name;
                    port["containerPort"] = p.Port;
                    port["protocol"] = p.Protocol.ToString();
                    return (JsonNode)port;
                }).ToArray()),
            });
        }
        var spec = new JsonObject { ["containers"] = containers };
        if (pod.NodeName is not null) spec["nodeName"] = pod.NodeName;
        if (pod.HostNetwork) spec["hostNetwork"] = true;
        var status = new JsonObject { ["phase"] = pod.Phase };
        if (hostIp is not null) status["hostIP"] = hostIp;
        if (pod.HasIp)
        {
            status["podIP"] = pod.Ips[0];
            status["podIPs"] = new JsonArray(pod.Ips.Select(ip => (JsonNode)new JsonObject { ["ip"] = ip }).ToArray());
        }
        var running = pod.Phase == "Running";
        status["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c!["name"]!.GetValue<string>(),
            ["ready"] = running,
            ["started"] = running,
            ["restartCount"] = pod.Restarts,
            ["image"] = c["image"]!.GetValue<string>(),
            ["imageID"] = "",
            ["state"] = running ? new JsonObject { ["running"] = new JsonObject() } : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
        }).ToArray());
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec, ["status"] = status };
    }

    private static string DefaultContainer(PodInfo pod) =>
        pod.Labels.TryGetValue("app", out var app) ? app : pod.Owner?.Name ?? "main";

    public static JsonObject ToJson(ServiceInfo svc)
    {
        var spec = new JsonObject { ["type"] = svc.Type };
        if (svc.Selector is { Count: > 0 } selector) spec["selector"] = Map(selector);
        if (!svc.ClusterIps.IsDefaultOrEmpty)
        {
            spec["clusterIP"] = svc.ClusterIps[0];
            spec["clusterIPs"] = new JsonArray(svc.ClusterIps.Select(ip => (JsonNode)ip).ToArray());
        }
        spec["ports"] = new JsonArray(svc.Ports.Select(p =>
        {
            var port = new JsonObject();
            if (p.Name is not null) port["name"] = p.Name;
            port["port"] = p.Port;
            port["protocol"] = p.Protocol.ToString();
            port["targetPort"] = IntOrString(p.TargetPort);
            if (p.NodePort is { } np) port["nodePort"] = np;
            return (JsonNode)port;
        }).ToArray());
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = Meta(svc.Meta), ["spec"] = spec };
    }

    public static JsonObject ToJson(NetworkPolicyInfo policy)
    {
        var spec = new JsonObject { ["podSelector"] = Selector(policy.PodSelector) };
        if (policy.PolicyTypes is { } types) spec["policyTypes"] = new JsonArray(types.Select(t => (JsonNode)t.ToString()).ToArray());
        if (!policy.Ingress.IsDefaultOrEmpty) spec["ingress"] = Rules(policy.Ingress, "from");
        if (!policy.Egress.IsDefaultOrEmpty) spec["egress"] = Rules(policy.Egress, "to");
        return new JsonObject { ["apiVersion"] = "networking.k8s.io/v1", ["kind"] = "NetworkPolicy", ["metadata"] = Meta(policy.Meta), ["spec"] = spec };
    }

    private static JsonArray Rules(IEnumerable<NetworkPolicyRule> rules, string peersField) =>
        new(rules.Select(r =>
        {
            var rule = new JsonObject();
            if (!r.Peers.IsDefaultOrEmpty)
                rule[peersField] = new JsonArray(r.Peers.Select(p =>
                {
                    var peer = new JsonObject();
                    if (p.PodSelector is not null) peer["podSelector"] = Selector(p.PodSelector);
                    if (p.NamespaceSelector is not null) peer["namespaceSelector"] = Selector(p.NamespaceSelector);
                    if (p.IpBlock is { } b)
                    {
                        var block = new JsonObject { ["cidr"] = b.Cidr };
                        if (!b.Except.IsDefaultOrEmpty) block["except"] = new JsonArray(b.Except.Select(e => (JsonNode)e).ToArray());
                        peer["ipBlock"] = block;
                    }
                    return (JsonNode)peer;
                }).ToArray());
            if (!r.Ports.IsDefaultOrEmpty)
                rule["ports"] = new JsonArray(r.Ports.Select(p =>
                {
                    var port = new JsonObject();
                    if (p.Protocol is not null) port["protocol"] = p.Protocol;
                    if (p.Port is { } value) port["port"] = IntOrString(value);
                    if (p.EndPort is { } end) port["endPort"] = end;
                    return (JsonNode)port;
                }).ToArray());
            return (JsonNode)rule;
        }).ToArray());

    public static JsonObject ToJson(AdminPolicyInfo policy)
    {
        var v2 = policy.Kind == AdminPolicyKind.ClusterNetworkPolicy;
        var spec = new JsonObject();
        if (v2) spec["tier"] = policy.Tier.ToString();
        if (policy.Priority is { } priority) spec["priority"] = priority;
        var subject = new JsonObject();
        if (policy.Subject.Namespaces is not null) subject["namespaces"] = Selector(policy.Subject.Namespaces);
        if (policy.Subject.Pods is { } pods) subject["pods"] = NamespacedPods(pods);
        spec["subject"] = subject;
        if (!policy.Ingress.IsDefaultOrEmpty) spec["ingress"] = AdminRules(policy.Ingress, "from", v2);
        if (!policy.Egress.IsDefaultOrEmpty) spec["egress"] = AdminRules(policy.Egress, "to", v2);
        return new JsonObject
        {
            ["apiVersion"] = v2 ? AdminGroupV1Alpha2 : AdminGroupV1Alpha1,
            ["kind"] = policy.Kind.ToString(),
            ["metadata"] = Meta(policy.Meta),
            ["spec"] = spec,
        };
    }

    private static JsonArray AdminRules(IEnumerable<AdminRule> rules, string peersField, bool v2) =>
        new(rules.Select(r =>
        {
            var rule = new JsonObject();
            if (r.Name is not null) rule["name"] = r.Name;
            // v1alpha2 spells the allowing action "Accept"; v1alpha1 "Allow".
            rule["action"] = v2 && r.Action == "Allow" ? "Accept" : r.Action;
            rule[peersField] = new JsonArray(r.Peers.Select(p =>
            {
                var peer = new JsonObject();
                if (p.Namespaces is not null) peer["namespaces"] = Selector(p.Namespaces);
                if (p.Pods is { } pods) peer["pods"] = NamespacedPods(pods);
                if (p.Nodes is not null) peer["nodes"] = Selector(p.Nodes);
                if (p.Networks is { } nets) peer["networks"] = new JsonArray(nets.Select(n => (JsonNode)n).ToArray());
                return (JsonNode)peer;
            }).ToArray());
            if (r.Ports is { } ports)
            {
                rule[v2 ? "protocols" : "ports"] = new JsonArray(ports.Select(p => (JsonNode)(p switch
                {
                    AdminPort.Number n => v2
                        ? new JsonObject { [n.Protocol.ToLowerInvariant()] = new JsonObject { ["destinationPort"] = new JsonObject { ["number"] = n.Port } } }
                        : new JsonObject { ["portNumber"] = new JsonObject { ["protocol"] = n.Protocol, ["port"] = n.Port } },
                    AdminPort.Range g => v2
                        ? new JsonObject { [g.Protocol.ToLowerInvariant()] = new JsonObject { ["destinationPort"] = new JsonObject { ["range"] = new JsonObject { ["start"] = g.Start, ["end"] = g.End } } } }
                        : new JsonObject { ["portRange"] = new JsonObject { ["protocol"] = g.Protocol, ["start"] = g.Start, ["end"] = g.End } },
                    AdminPort.Named m => v2
                        ? new JsonObject { ["destinationNamedPort"] = m.Name }
                        : new JsonObject { ["namedPort"] = m.Name },
                    _ => new JsonObject(),
                })).ToArray());
            }
            return (JsonNode)rule;
        }).ToArray());

    private static JsonObject NamespacedPods(NamespacedPodSelector pods) => new()
    {
        ["namespaceSelector"] = Selector(pods.NamespaceSelector),
        ["podSelector"] = Selector(pods.PodSelector),
    };

    private static JsonObject Meta(Core.Model.ObjectMeta meta)
    {
        var o = new JsonObject { ["name"] = meta.Name };
        if (meta.Namespace is { Length: > 0 } ns) o["namespace"] = ns;
        if (meta.Uid is not null) o["uid"] = meta.Uid;
        if (meta.ResourceVersion is not null) o["resourceVersion"] = meta.ResourceVersion;
        if (meta.CreationTimestamp is { } t) o["creationTimestamp"] = t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (meta.Labels.Count > 0) o["labels"] = Map(meta.Labels);
        if (meta.Annotations.Count > 0) o["annotations"] = Map(meta.Annotations);
        return o;
    }

    private static JsonObject Map(Labels labels)
    {
        var o = new JsonObject();
        foreach (var (k, v) in labels) o[k] = v;
        return o;
    }

    private static JsonObject Selector(LabelSelector selector)
    {
        var o = new JsonObject();
        if (selector.MatchLabels.Count > 0) o["matchLabels"] = Map(selector.MatchLabels);
        if (!selector.MatchExpressions.IsDefaultOrEmpty)
            o["matchExpressions"] = new JsonArray(selector.MatchExpressions.Select(e =>
            {
                var r = new JsonObject { ["key"] = e.Key, ["operator"] = e.Operator };
                if (!e.Values.IsDefaultOrEmpty) r["values"] = new JsonArray(e.Values.Select(v => (JsonNode)v).ToArray());
                return (JsonNode)r;
            }).ToArray());
        return o;
    }

    private static JsonNode IntOrString(Core.Model.IntOrString value) =>
        value.Number is { } n ? JsonValue.Create(n) : JsonValue.Create(value.Name ?? "");

    private static string DeterministicUid(string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    /// <summary>JSON nodes as plain objects, so YamlDotNet writes them as a YAML tree.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        // By kind, not by CLR type: a value created from an int answers TryGetValue<long> with false.
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number => decimal.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
