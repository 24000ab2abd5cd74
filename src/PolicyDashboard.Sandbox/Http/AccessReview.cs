using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// SelfSubjectAccessReview: the sandbox has no users and no RBAC, so every request a client asks about is allowed.
/// Answering keeps clients that check permissions before offering an action (as the dashboard does) working.
/// </summary>
internal static class AccessReview
{
    public static JsonObject Answer(ResourceKind kind, JsonObject review)
    {
        var answer = review.DeepClone().AsObject();
        answer["apiVersion"] = kind.ApiVersion;
        answer["kind"] = kind.Kind;
        answer["metadata"] ??= new JsonObject();
        answer["status"] = new JsonObject
        {
            ["allowed"] = true,
            ["reason"] = "the sandbox API server authorizes every request",
        };
        return answer;
    }
}
