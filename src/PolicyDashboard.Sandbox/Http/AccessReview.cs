using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Authorization;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// SelfSubjectAccessReview: "checks whether the current user can perform an action" — the current user being the
/// impersonated one when the request carries Impersonate-User, as with any other request. The answer comes from
/// the same <see cref="SandboxAuthorizer"/> that authorizes requests, so "can I?" and "may I?" never disagree.
/// Non-resource paths (discovery, health) are open to everyone here.
/// </summary>
internal static class AccessReview
{
    public static JsonObject Answer(ResourceKind kind, JsonObject review, RequestUser user, SandboxAuthorizer authorizer)
    {
        var spec = review["spec"] as JsonObject ?? throw ApiError.BadRequest("spec is required");
        bool allowed;
        string reason;
        if (spec["resourceAttributes"] is JsonObject r)
        {
            var attributes = new RequestAttributes(
                Text(r, "verb") ?? throw ApiError.Invalid(kind, "", [new StatusCause("FieldValueRequired", "Required value", "spec.resourceAttributes.verb")]),
                Text(r, "group") ?? "",
                Text(r, "resource") ?? "",
                Text(r, "subresource") is { Length: > 0 } sub ? sub : null,
                Text(r, "namespace") is { Length: > 0 } ns ? ns : null,
                Text(r, "name") is { Length: > 0 } name ? name : null);
            (allowed, reason) = authorizer.Decide(user, attributes);
        }
        else if (spec["nonResourceAttributes"] is JsonObject)
        {
            (allowed, reason) = (true, "the sandbox serves its non-resource paths to everyone");
        }
        else
        {
            throw ApiError.Invalid(kind, "", [new StatusCause("FieldValueRequired", "exactly one of nonResourceAttributes or resourceAttributes must be specified", "spec.resourceAttributes")]);
        }

        var answer = review.DeepClone().AsObject();
        answer["apiVersion"] = kind.ApiVersion;
        answer["kind"] = kind.Kind;
        answer["metadata"] ??= new JsonObject();
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0) status["reason"] = reason;
        answer["status"] = status;
        return answer;
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
