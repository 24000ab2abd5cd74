using System.Globalization;
using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// meta.k8s.io/v1 Table responses (what <c>kubectl get</c> prints), with the columns the apiserver's printers
/// (pkg/printers/internalversion/printers.go) define for each kind; priority-1 columns appear with <c>-o wide</c>.
/// </summary>
internal static class Tables
{
    private sealed record Column(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell, string Format = "");

    public static bool Wanted(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Build(ResourceKind kind, IEnumerable<JsonObject> objects, string rv, string? continueToken, string includeObject, DateTimeOffset now, bool withColumns = true)
    {
        var columns = Columns(kind);
        var rows = new JsonArray();
        foreach (var o in objects)
        {
            var cells = new JsonArray(columns.Select(c => c.Cell(o, now)).ToArray());
            var row = new JsonObject { ["cells"] = cells };
            var rowObject = RowObject(o, includeObject);
            if (rowObject is not null) row["object"] = rowObject;
            rows.Add(row);
        }
        var meta = new JsonObject { ["resourceVersion"] = rv };
        if (!string.IsNullOrEmpty(continueToken)) meta["continue"] = continueToken;
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = meta,
        };
        if (withColumns)
            table["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Format,
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            }).ToArray());
        else
            table["columnDefinitions"] = new JsonArray();
        table["rows"] = rows;
        return table;
    }

    private static JsonNode? RowObject(JsonObject o, string includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => o.DeepClone(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = MetadataWithoutManagedFields(o),
        },
    };

    private static JsonObject MetadataWithoutManagedFields(JsonObject o)
    {
        var m = o["metadata"]?.DeepClone().AsObject() ?? new JsonObject();
        m.Remove("managedFields");
        return m;
    }

    private static Column NameColumn => new("Name", "string", 0, (o, _) => Str(o, "metadata", "name"), "name");
    private static Column AgeColumn => new("Age", "string", 0, (o, now) => Age(o, now));

    private static List<Column> Columns(ResourceKind kind) => kind.Kind switch
    {
        "Pod" =>
        [
            NameColumn,
            new("Ready", "string", 0, (o, _) => PodReady(o)),
            new("Status", "string", 0, (o, _) => Str(o, "status", "phase") ?? "Pending"),
            new("Restarts", "string", 0, (o, _) => Restarts(o)),
            AgeColumn,
            new("IP", "string", 1, (o, _) => Str(o, "status", "podIP") ?? "<none>"),
            new("Node", "string", 1, (o, _) => Str(o, "spec", "nodeName") ?? "<none>"),
            new("Nominated Node", "string", 1, (_, _) => "<none>"),
            new("Readiness Gates", "string", 1, (_, _) => "<none>"),
        ],
        "Namespace" => [NameColumn, new("Status", "string", 0, (o, _) => Str(o, "status", "phase") ?? "Active"), AgeColumn],
        "Node" =>
        [
            NameColumn,
            new("Status", "string", 0, (o, _) => NodeReady(o)),
            new("Roles", "string", 0, (o, _) => NodeRoles(o)),
            AgeColumn,
            new("Version", "string", 0, (o, _) => Str(o, "status", "nodeInfo", "kubeletVersion") ?? ""),
            new("Internal-IP", "string", 1, (o, _) => Address(o, "InternalIP")),
        ],
        "Service" =>
        [
            NameColumn,
            new("Type", "string", 0, (o, _) => Str(o, "spec", "type") ?? "ClusterIP"),
            new("Cluster-IP", "string", 0, (o, _) => Str(o, "spec", "clusterIP") ?? "<none>"),
            new("External-IP", "string", 0, (o, _) => ExternalIp(o)),
            new("Port(s)", "string", 0, (o, _) => ServicePorts(o)),
            AgeColumn,
            new("Selector", "string", 1, (o, _) => MapText(o["spec"]?["selector"] as JsonObject, "<none>")),
        ],
        "EndpointSlice" =>
        [
            NameColumn,
            new("AddressType", "string", 0, (o, _) => Str(o, "addressType") ?? ""),
            new("Ports", "string", 0, (o, _) => Join((o["ports"] as JsonArray)?.Select(p => p?["port"]?.ToString() ?? "<unset>"), "<unset>")),
            new("Endpoints", "string", 0, (o, _) => Join((o["endpoints"] as JsonArray)?.SelectMany(e => e?["addresses"] as JsonArray ?? []).Select(a => a?.ToString() ?? "").Take(3), "<unset>")),
            AgeColumn,
        ],
        "Ingress" =>
        [
            NameColumn,
            new("Class", "string", 0, (o, _) => Str(o, "spec", "ingressClassName") ?? "<none>"),
            new("Hosts", "string", 0, (o, _) => Join((o["spec"]?["rules"] as JsonArray)?.Select(r => r?["host"]?.ToString() ?? "*"), "*")),
            new("Address", "string", 0, (o, _) => Join((o["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.Select(i => i?["ip"]?.ToString() ?? i?["hostname"]?.ToString() ?? ""), "")),
            new("Ports", "string", 0, (o, _) => o["spec"]?["tls"] is JsonArray { Count: > 0 } ? "80, 443" : "80"),
            AgeColumn,
        ],
        "NetworkPolicy" =>
        [
            NameColumn,
            new("Pod-Selector", "string", 0, (o, _) => SelectorText(o["spec"]?["podSelector"] as JsonObject)),
            AgeColumn,
        ],
        "AdminNetworkPolicy" => [NameColumn, new("Priority", "integer", 0, (o, _) => o["spec"]?["priority"]?.DeepClone()), AgeColumn],
        "ClusterNetworkPolicy" =>
        [
            NameColumn,
            new("Tier", "string", 0, (o, _) => Str(o, "spec", "tier") ?? ""),
            new("Priority", "integer", 0, (o, _) => o["spec"]?["priority"]?.DeepClone()),
            AgeColumn,
        ],
        "ConfigMap" => [NameColumn, new("Data", "integer", 0, (o, _) => DataCount(o)), AgeColumn],
        "Secret" =>
        [
            NameColumn,
            new("Type", "string", 0, (o, _) => Str(o, "type") ?? "Opaque"),
            new("Data", "integer", 0, (o, _) => DataCount(o)),
            AgeColumn,
        ],
        _ => [NameColumn, AgeColumn],
    };

    private static string? Str(JsonObject o, params string[] path)
    {
        JsonNode? cur = o;
        foreach (var p in path) cur = cur?[p];
        return cur is JsonValue v && v.TryGetValue<string>(out var s) ? s : cur?.ToString();
    }

    /// <summary>The printers' DATA column: keys in data plus binaryData (ConfigMap) or data (Secret).</summary>
    private static JsonNode DataCount(JsonObject o) =>
        ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0);

    private static string Join(IEnumerable<string>? items, string empty)
    {
        var list = items?.Where(s => s.Length > 0).ToList() ?? [];
        return list.Count == 0 ? empty : string.Join(",", list);
    }

    private static string MapText(JsonObject? map, string empty) =>
        map is null || map.Count == 0 ? empty : string.Join(",", map.Select(p => $"{p.Key}={p.Value}"));

    private static string SelectorText(JsonObject? selector)
    {
        if (selector is null || selector.Count == 0) return "<none>";
        var parts = new List<string>();
        if (selector["matchLabels"] is JsonObject ml) parts.AddRange(ml.Select(p => $"{p.Key}={p.Value}"));
        foreach (var e in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = e["key"]?.ToString() ?? "";
            var values = string.Join(",", (e["values"] as JsonArray ?? []).Select(v => v?.ToString()));
            parts.Add(e["operator"]?.ToString() switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => "!" + key,
                var op => $"{key} {op} ({values})",
            });
        }
        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }

    private static string PodReady(JsonObject o)
    {
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = (o["status"]?["containerStatuses"] as JsonArray ?? []).Count(s => s?["ready"]?.GetValue<bool>() == true);
        return $"{ready}/{total}";
    }

    private static JsonNode Restarts(JsonObject o) =>
        (o["status"]?["containerStatuses"] as JsonArray ?? []).Sum(s => s?["restartCount"]?.GetValue<int>() ?? 0);

    private static string NodeReady(JsonObject o)
    {
        var ready = (o["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready");
        return ready?["status"]?.ToString() == "True" ? "Ready" : "NotReady";
    }

    private static string NodeRoles(JsonObject o)
    {
        var roles = (o["metadata"]?["labels"] as JsonObject ?? [])
            .Where(p => p.Key.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(p => p.Key["node-role.kubernetes.io/".Length..]).ToList();
        return roles.Count == 0 ? "<none>" : string.Join(",", roles);
    }

    private static string Address(JsonObject o, string type) =>
        (o["status"]?["addresses"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a["type"]?.ToString() == type)?["address"]?.ToString() ?? "<none>";

    private static string ExternalIp(JsonObject o)
    {
        var type = Str(o, "spec", "type") ?? "ClusterIP";
        var lb = (o["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).Select(i => i?["ip"]?.ToString() ?? i?["hostname"]?.ToString() ?? "").Where(s => s.Length > 0).ToList();
        if (lb.Count > 0) return string.Join(",", lb);
        return type == "LoadBalancer" ? "<pending>" : "<none>";
    }

    private static string ServicePorts(JsonObject o)
    {
        var ports = (o["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().Select(p =>
        {
            var s = p["port"]?.ToString() ?? "";
            if (p["nodePort"] is { } np) s += ":" + np;
            return s + "/" + (p["protocol"]?.ToString() ?? "TCP");
        }).ToList();
        return ports.Count == 0 ? "<none>" : string.Join(",", ports);
    }

    private static string Age(JsonObject o, DateTimeOffset now)
    {
        var text = Str(o, "metadata", "creationTimestamp");
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)) return "<unknown>";
        return HumanDuration(now - created);
    }

    /// <summary>k8s.io/apimachinery/pkg/util/duration.HumanDuration.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";
        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }
        if (minutes < 60 * 3) return $"{minutes}m";
        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{dy}d";
        }
        return $"{hours / 24 / 365}y";
    }
}
