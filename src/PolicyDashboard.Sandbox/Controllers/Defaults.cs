using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Controllers;

/// <summary>The defaulting the apiserver applies before it stores an object (pkg/apis/*/v1/defaults.go).</summary>
internal static class Defaults
{
    public static void Apply(ResourceKind kind, JsonObject obj)
    {
        var meta = (JsonObject)obj["metadata"]!;
        switch (kind.Kind)
        {
            case "Namespace":
                // The NamespaceDefaultLabelName feature (GA in 1.22): every namespace carries
                // kubernetes.io/metadata.name=<name>, set by the apiserver on create and update.
                if (meta["labels"] is not JsonObject labels)
                {
                    labels = new JsonObject();
                    meta["labels"] = labels;
                }
                labels["kubernetes.io/metadata.name"] = meta["name"]!.GetValue<string>();
                obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "Secret":
                Validation.DataValidation.MergeStringData(obj);
                break;
            case "NetworkPolicy":
                DefaultNetworkPolicy(obj);
                break;
            case "Pod":
                foreach (var c in Containers(obj))
                    foreach (var p in (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
                        p["protocol"] ??= "TCP";
                break;
            case "Service":
                if (obj["spec"] is not JsonObject spec)
                {
                    spec = new JsonObject();
                    obj["spec"] = spec;
                }
                spec["type"] ??= "ClusterIP";
                spec["sessionAffinity"] ??= "None";
                foreach (var p in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    p["protocol"] ??= "TCP";
                    p["targetPort"] ??= p["port"]?.DeepClone();
                }
                break;
        }
    }

    /// <summary>
    /// SetDefaults_NetworkPolicy: an omitted policyTypes becomes ["Ingress"], plus "Egress" when spec.egress has
    /// rules; SetDefaults_NetworkPolicyPort: an omitted protocol becomes TCP.
    /// </summary>
    private static void DefaultNetworkPolicy(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec) return;
        spec["podSelector"] ??= new JsonObject();
        if (spec["policyTypes"] is not JsonArray { Count: > 0 })
        {
            var types = new JsonArray("Ingress");
            if (spec["egress"] is JsonArray { Count: > 0 }) types.Add("Egress");
            spec["policyTypes"] = types;
        }
        foreach (var dir in new[] { "ingress", "egress" })
            foreach (var rule in (spec[dir] as JsonArray ?? []).OfType<JsonObject>())
                foreach (var port in (rule["ports"] as JsonArray ?? []).OfType<JsonObject>())
                    port["protocol"] ??= "TCP";
    }

    public static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>Kinds whose spec changes bump metadata.generation.</summary>
    public static bool HasGeneration(ResourceKind kind) =>
        kind.Kind is "NetworkPolicy" or "Ingress" or "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy" or "ClusterNetworkPolicy";
}
