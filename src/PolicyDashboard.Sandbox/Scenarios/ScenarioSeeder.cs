using System.Text.Json.Nodes;
using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Kube.Manifests;
using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Kinds;
using PolicyDashboard.Sandbox.Writes;

namespace PolicyDashboard.Sandbox.Scenarios;

/// <summary>Fills a new sandbox with its scenario, through the same write path clients use.</summary>
internal static class ScenarioSeeder
{
    /// <summary>The manager seeded objects are recorded under, as if an admin had run <c>kubectl apply</c>.</summary>
    public const string SeedManager = "kubectl-client-side-apply";

    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static void Seed(SandboxServer server, SandboxOptions options)
    {
        IEnumerable<JsonObject> objects = options.Scenario switch
        {
            "demo" => YamlJson.ParseAll(DemoYaml()),
            "scale" => ScaleObjects(options.Scale),
            _ => SystemNamespaces.Select(n => new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = n } }),
        };
        var bulk = options.Scenario == "scale";
        server.ControlPlane.EndpointsEnabled = !bulk;
        var opts = new WriteOptions(false, SeedManager);
        foreach (var obj in objects)
        {
            var kind = ResourceKinds.ByApiVersionKind(obj["apiVersion"]?.GetValue<string>() ?? "", obj["kind"]?.GetValue<string>() ?? "")
                ?? throw new InvalidOperationException($"The {options.Scenario} scenario holds a kind the sandbox does not serve: {obj["apiVersion"]} {obj["kind"]}");
            var ns = kind.Namespaced ? obj["metadata"]?["namespace"]?.GetValue<string>() ?? "default" : null;
            server.Writer.Create(kind, ns, obj, opts, managed: !bulk);
        }
        server.ControlPlane.EndpointsEnabled = true;
        if (bulk) server.ControlPlane.SyncAllEndpoints();
    }

    public static string DemoYaml()
    {
        using var stream = typeof(ScenarioSeeder).Assembly.GetManifestResourceStream("PolicyDashboard.Sandbox.Scenarios.demo.yaml")
            ?? throw new InvalidOperationException("The demo scenario resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<JsonObject> ScaleObjects(ScaleScenarioOptions options)
    {
        var cluster = ScaleScenario.Generate(options);
        var namespaces = cluster.Namespaces.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var n in SystemNamespaces.Where(n => !namespaces.Contains(n)))
            yield return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = n } };
        foreach (var o in ModelToKube.ToJsonObjects(cluster)) yield return o;
    }
}
