using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// The discovery documents (/version, /api, /api/v1, /apis, /apis/&lt;group&gt;[/&lt;version&gt;]) in their classic
/// form, and the aggregated form (apidiscovery.k8s.io/v2) that kubectl asks for first.
/// </summary>
internal static class Discovery
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-policydashboard-sandbox",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = "127.0.0.1" }),
    };

    public static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(ResourceKinds.Groups().Select(g => (JsonNode)GroupBody(g.Group, g.Versions)).ToArray()),
    };

    public static JsonObject? Group(string group)
    {
        var g = ResourceKinds.Groups().FirstOrDefault(x => x.Group == group);
        if (g.Group is null) return null;
        var body = GroupBody(g.Group, g.Versions);
        body["kind"] = "APIGroup";
        body["apiVersion"] = "v1";
        return body;
    }

    private static JsonObject GroupBody(string group, IReadOnlyList<string> versions) => new()
    {
        ["name"] = group,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
    };

    public static JsonObject? ResourceList(string group, string version)
    {
        var kinds = ResourceKinds.All.Where(k => k.Group == group && k.Version == version).ToList();
        if (kinds.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var k in kinds)
        {
            resources.Add(Resource(k));
            if (k.Kind is "Pod" or "Service" or "Namespace" or "Node")
                resources.Add(new JsonObject
                {
                    ["name"] = k.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = k.Namespaced,
                    ["kind"] = k.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Resource(ResourceKind k)
    {
        var r = new JsonObject
        {
            ["name"] = k.Plural,
            ["singularName"] = k.Singular,
            ["namespaced"] = k.Namespaced,
            ["kind"] = k.Kind,
            ["verbs"] = new JsonArray(k.Verbs.Select(v => (JsonNode)v).ToArray()),
        };
        if (k.ShortNames.Length > 0) r["shortNames"] = new JsonArray(k.ShortNames.Select(s => (JsonNode)s).ToArray());
        if (k.Categories is { Length: > 0 } c) r["categories"] = new JsonArray(c.Select(s => (JsonNode)s).ToArray());
        return r;
    }

    /// <summary>apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core) or /apis (named groups).</summary>
    public static JsonObject Aggregated(bool core, string apiVersion)
    {
        var items = new JsonArray();
        var groups = core ? [("", (IReadOnlyList<string>)["v1"])] : ResourceKinds.Groups().ToList();
        foreach (var (group, versions) in groups)
        {
            var versionArray = new JsonArray();
            foreach (var v in versions)
            {
                var resources = new JsonArray();
                foreach (var k in ResourceKinds.All.Where(k => k.Group == group && k.Version == v))
                {
                    var r = new JsonObject
                    {
                        ["resource"] = k.Plural,
                        ["responseKind"] = new JsonObject { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind },
                        ["scope"] = k.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = k.Singular,
                        ["verbs"] = new JsonArray(k.Verbs.Select(x => (JsonNode)x).ToArray()),
                    };
                    if (k.ShortNames.Length > 0) r["shortNames"] = new JsonArray(k.ShortNames.Select(s => (JsonNode)s).ToArray());
                    if (k.Categories is { Length: > 0 } c) r["categories"] = new JsonArray(c.Select(s => (JsonNode)s).ToArray());
                    if (k.Kind is "Pod" or "Service" or "Namespace" or "Node")
                        r["subresources"] = new JsonArray(new JsonObject
                        {
                            ["subresource"] = "status",
                            ["responseKind"] = new JsonObject { ["group"] = k.Group, ["version"] = k.Version, ["kind"] = k.Kind },
                            ["verbs"] = new JsonArray("get", "patch", "update"),
                        });
                    resources.Add(r);
                }
                versionArray.Add(new JsonObject { ["version"] = v, ["resources"] = resources, ["freshness"] = "Current" });
            }
            items.Add(new JsonObject { ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null }, ["versions"] = versionArray });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }
}
