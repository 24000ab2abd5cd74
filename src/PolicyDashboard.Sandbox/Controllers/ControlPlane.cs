using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;
using PolicyDashboard.Sandbox.Store;

namespace PolicyDashboard.Sandbox.Controllers;

/// <summary>
/// What the controllers of a small cluster would do, done synchronously inside the write that triggers it, so
/// kubectl shows a believable cluster: the scheduler binds new pods to nodes and the kubelet reports them Running
/// with an IP from the node's pod CIDR; the service IP allocator hands out cluster IPs; the EndpointSlice
/// controller keeps one slice per selector-backed service in step with the ready pods.
/// </summary>
internal sealed class ControlPlane(ObjectStore store, TimeProvider clock)
{
    /// <summary>Off while a scenario is being seeded; <see cref="SyncAllEndpoints"/> runs once at the end.</summary>
    public bool EndpointsEnabled { get; set; } = true;

    private string Now => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Fills what the cluster's controllers would add to a new object before it is stored.</summary>
    public void OnCreate(ResourceKind kind, JsonObject obj)
    {
        if (kind == ResourceKinds.Pod) SchedulePod(obj);
        else if (kind == ResourceKinds.Service) AllocateServiceIp(obj);
    }

    private void SchedulePod(JsonObject pod)
    {
        var spec = pod["spec"] as JsonObject ?? new JsonObject();
        pod["spec"] = spec;
        if (pod["status"]?["podIP"] is not null) return; // a scenario object that already carries its runtime state
        var ns = ObjectStore.NamespaceOf(pod);
        var (pods, _) = store.List(ResourceKinds.Pod, null);
        var nodeName = spec["nodeName"]?.GetValue<string>();
        if (nodeName is null)
        {
            var nodes = store.List(ResourceKinds.Node, null).Items;
            if (nodes.Count == 0)
            {
                pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
                return;
            }
            var load = pods.GroupBy(p => p["spec"]?["nodeName"]?.GetValue<string>() ?? "").ToDictionary(g => g.Key, g => g.Count());
            nodeName = nodes.Select(ObjectStore.NameOf).OrderBy(n => load.GetValueOrDefault(n)).ThenBy(n => n, StringComparer.Ordinal).First();
            spec["nodeName"] = nodeName;
        }
        var node = store.Get(ResourceKinds.Node, "", nodeName);
        var hostIp = node?["status"]?["addresses"]?.AsArray().OfType<JsonObject>()
            .FirstOrDefault(a => a["type"]?.GetValue<string>() == "InternalIP")?["address"]?.GetValue<string>();
        string? podIp = hostIp;
        if (spec["hostNetwork"]?.GetValue<bool>() != true)
        {
            var used = pods.Select(p => p["status"]?["podIP"]?.GetValue<string>()).Where(ip => ip is not null).ToHashSet(StringComparer.Ordinal);
            podIp = NextFree(node?["spec"]?["podCIDR"]?.GetValue<string>(), used);
        }
        var now = Now;
        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", now), Condition("Initialized", now), Condition("Ready", now),
                Condition("ContainersReady", now), Condition("PodScheduled", now)),
            ["qosClass"] = "BestEffort",
            ["startTime"] = now,
        };
        if (hostIp is not null)
        {
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        }
        if (podIp is not null)
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        var statuses = new JsonArray();
        foreach (var c in Defaults.Containers(pod))
        {
            var name = c["name"]?.GetValue<string>() ?? "";
            var image = c["image"]?.GetValue<string>() ?? "";
            statuses.Add(new JsonObject
            {
                ["name"] = name,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
                ["ready"] = true,
                ["restartCount"] = 0,
                ["image"] = image,
                ["imageID"] = image.Length == 0 ? "" : $"{image}@sha256:{Hash(image, 64)}",
                ["containerID"] = $"containerd://{Hash(ns + "/" + ObjectStore.NameOf(pod) + "/" + name, 64)}",
                ["started"] = true,
            });
        }
        status["containerStatuses"] = statuses;
        pod["status"] = status;
    }

    private static JsonObject Condition(string type, string now) =>
        new() { ["type"] = type, ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now };

    private void AllocateServiceIp(JsonObject svc)
    {
        var spec = (JsonObject)svc["spec"]!;
        if (spec["clusterIP"] is null)
        {
            var used = store.List(ResourceKinds.Service, null).Items
                .Select(s => s["spec"]?["clusterIP"]?.GetValue<string>()).Where(ip => ip is not null).ToHashSet(StringComparer.Ordinal);
            var ip = NextFree("10.96.0.0/16", used, skip: 10);
            spec["clusterIP"] = ip;
        }
        var clusterIp = spec["clusterIP"]!.GetValue<string>();
        spec["clusterIPs"] ??= new JsonArray(clusterIp);
        if (clusterIp != "None")
        {
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
        }
        var type = spec["type"]?.GetValue<string>();
        if (type is "NodePort" or "LoadBalancer")
        {
            var usedPorts = store.List(ResourceKinds.Service, null).Items
                .SelectMany(s => (s["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
                .Select(p => p["nodePort"]?.GetValue<int>() ?? 0).ToHashSet();
            var next = 30000 + (int)(StableHash(ObjectStore.NameOf(svc)) % 2000);
            foreach (var p in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (p["nodePort"] is not null) continue;
                while (usedPorts.Contains(next)) next++;
                p["nodePort"] = next;
                usedPorts.Add(next);
            }
        }
        if (type == "LoadBalancer" && svc["status"]?["loadBalancer"]?["ingress"] is null)
        {
            var octet = 10 + (int)(StableHash(ObjectStore.NamespaceOf(svc) + "/" + ObjectStore.NameOf(svc)) % 240);
            svc["status"] = new JsonObject
            {
                ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = $"192.0.2.{octet}", ["ipMode"] = "VIP" }) },
            };
        }
        svc["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    /// <summary>The first address of an IPv4 CIDR, after <paramref name="skip"/> host numbers, that is not in use.</summary>
    private static string? NextFree(string? cidr, HashSet<string?> used, int skip = 1)
    {
        if (cidr is null || !IPNetwork.TryParse(cidr, out var net) || net.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return null;
        var b = net.BaseAddress.GetAddressBytes();
        var baseValue = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
        var size = 1u << (32 - net.PrefixLength);
        for (var i = (uint)skip + 1; i < size - 1; i++)
        {
            var v = baseValue + i;
            var ip = $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
            if (!used.Contains(ip)) return ip;
        }
        return null;
    }

    /// <summary>Runs after a stored write (never for dry runs): keeps EndpointSlices in step with pods and services.</summary>
    public void AfterCommit(ResourceKind kind, string ns)
    {
        if (!EndpointsEnabled) return;
        if (kind == ResourceKinds.Pod || kind == ResourceKinds.Service) SyncEndpoints(ns);
    }

    public void SyncAllEndpoints()
    {
        foreach (var ns in store.List(ResourceKinds.Namespace, null).Items.Select(ObjectStore.NameOf))
            SyncEndpoints(ns);
    }

    private void SyncEndpoints(string ns)
    {
        var services = store.List(ResourceKinds.Service, ns).Items;
        var pods = store.List(ResourceKinds.Pod, ns).Items;
        var slices = store.List(ResourceKinds.EndpointSlice, ns).Items
            .Where(s => s["metadata"]?["labels"]?["endpointslice.kubernetes.io/managed-by"]?.GetValue<string>() == "endpointslice-controller.k8s.io")
            .ToList();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var svc in services)
        {
            if (svc["spec"]?["selector"] is not JsonObject { Count: > 0 } selector) continue;
            var svcName = ObjectStore.NameOf(svc);
            var sliceName = $"{svcName}-{Hash(ns + "/" + svcName, 5)}";
            wanted.Add(sliceName);
            var members = pods.Where(p => Selects(selector, p) && p["status"]?["podIP"] is not null).ToList();
            var desired = Slice(svc, sliceName, members);
            var existing = slices.FirstOrDefault(s => ObjectStore.NameOf(s) == sliceName);
            if (existing is not null && JsonNode.DeepEquals(existing["endpoints"], desired["endpoints"]) && JsonNode.DeepEquals(existing["ports"], desired["ports"]))
                continue;
            if (existing is not null)
            {
                var meta = (JsonObject)desired["metadata"]!;
                meta["uid"] = existing["metadata"]!["uid"]!.DeepClone();
                meta["creationTimestamp"] = existing["metadata"]!["creationTimestamp"]!.DeepClone();
            }
            store.Commit(ResourceKinds.EndpointSlice, desired, existing is null ? EventType.Added : EventType.Modified);
        }
        foreach (var stale in slices.Where(s => !wanted.Contains(ObjectStore.NameOf(s))))
            store.Delete(ResourceKinds.EndpointSlice, ns, ObjectStore.NameOf(stale));
    }

    private static bool Selects(JsonObject selector, JsonObject pod)
    {
        var labels = pod["metadata"]?["labels"] as JsonObject;
        foreach (var (k, v) in selector)
            if (labels?[k]?.GetValue<string>() != v?.GetValue<string>()) return false;
        return true;
    }

    private JsonObject Slice(JsonObject svc, string sliceName, List<JsonObject> members)
    {
        var ns = ObjectStore.NamespaceOf(svc);
        var svcName = ObjectStore.NameOf(svc);
        var endpoints = new JsonArray();
        foreach (var pod in members.OrderBy(ObjectStore.NameOf, StringComparer.Ordinal))
        {
            endpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(pod["status"]!["podIP"]!.GetValue<string>()),
                ["conditions"] = new JsonObject { ["ready"] = true, ["serving"] = true, ["terminating"] = false },
                ["nodeName"] = pod["spec"]?["nodeName"]?.DeepClone(),
                ["targetRef"] = new JsonObject
                {
                    ["kind"] = "Pod",
                    ["namespace"] = ns,
                    ["name"] = ObjectStore.NameOf(pod),
                    ["uid"] = pod["metadata"]?["uid"]?.DeepClone(),
                },
            });
        }
        var ports = new JsonArray();
        foreach (var p in (svc["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var target = p["targetPort"] ?? p["port"];
            int? number = target is JsonValue tv && tv.TryGetValue<int>(out var n) ? n : null;
            if (number is null && target is JsonValue sv && sv.TryGetValue<string>(out var portName))
            {
                // A named targetPort resolves on each pod; the controller splits slices when pods disagree. The
                // sandbox's pods of one service agree, so the first member's resolution stands for all.
                number = members.SelectMany(Defaults.Containers)
                    .SelectMany(c => (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
                    .FirstOrDefault(cp => cp["name"]?.GetValue<string>() == portName)?["containerPort"]?.GetValue<int>();
            }
            var port = new JsonObject();
            if (p["name"] is not null) port["name"] = p["name"]!.DeepClone();
            if (number is not null) port["port"] = number;
            port["protocol"] = p["protocol"]?.DeepClone() ?? "TCP";
            ports.Add(port);
        }
        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = sliceName,
                ["namespace"] = ns,
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = Now,
                ["generateName"] = svcName + "-",
                ["labels"] = new JsonObject
                {
                    ["kubernetes.io/service-name"] = svcName,
                    ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
                },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Service",
                    ["name"] = svcName,
                    ["uid"] = svc["metadata"]?["uid"]?.DeepClone(),
                    ["controller"] = true,
                    ["blockOwnerDeletion"] = true,
                }),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = ports,
        };
    }

    private static uint StableHash(string s)
    {
        uint h = 2166136261;
        foreach (var ch in s) h = (h ^ ch) * 16777619;
        return h;
    }

    /// <summary>A deterministic suffix from the alphabet Kubernetes uses for generated names (no vowels, no look-alikes).</summary>
    public static string Hash(string seed, int length)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var h = StableHash(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            h = h * 1103515245 + 12345;
            chars[i] = alphabet[(int)((h >> 16) % (uint)alphabet.Length)];
        }
        return new string(chars);
    }
}
