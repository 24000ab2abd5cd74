using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PolicyDashboard.Sandbox.Http;
using ResourceKind = PolicyDashboard.Sandbox.Kinds.ResourceKind;
using ResourceKinds = PolicyDashboard.Sandbox.Kinds.ResourceKinds;

namespace PolicyDashboard.Sandbox.Validation;

/// <summary>
/// <c>fieldValidation=Strict</c> (what kubectl sends): a field the schema does not know fails the request with 400,
/// as the apiserver's strict decoder does, instead of being dropped. The schema here is the KubernetesClient model
/// of the kind; a NetworkPolicy's spec is checked (a typo such as <c>podSelctor</c> would otherwise select every pod).
/// </summary>
internal static class StrictDecoding
{
    public static void Check(ResourceKind kind, JsonObject obj)
    {
        if (kind != ResourceKinds.NetworkPolicy || obj["spec"] is not JsonObject spec) return;
        var known = JsonNode.Parse(KubernetesJson.Serialize(KubernetesJson.Deserialize<V1NetworkPolicySpec>(spec.ToJsonString())));
        var unknown = new List<string>();
        Compare(spec, known, "spec", unknown);
        if (unknown.Count > 0)
            throw ApiError.BadRequest(
                $"{kind.Kind} in version \"{kind.Version}\" cannot be handled as a {kind.Kind}: strict decoding error: " +
                string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
    }

    private static void Compare(JsonNode? given, JsonNode? known, string path, List<string> unknown)
    {
        switch (given)
        {
            case JsonObject o:
                var k = known as JsonObject;
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    var p = $"{path}.{key}";
                    if (k is null || !k.ContainsKey(key)) unknown.Add(p);
                    // Label maps hold any keys.
                    else if (key is not ("matchLabels")) Compare(value, k[key], p, unknown);
                }
                break;
            case JsonArray a:
                var ka = known as JsonArray;
                for (var i = 0; i < a.Count; i++)
                    Compare(a[i], ka is not null && i < ka.Count ? ka[i] : null, $"{path}[{i}]", unknown);
                break;
        }
    }
}
