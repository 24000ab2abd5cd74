using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>One cause of a 422 (or 409 apply conflict), as metav1.StatusCause.</summary>
internal sealed record StatusCause(string Reason, string Message, string Field);

/// <summary>
/// A failed request, answered as a metav1.Status object with the HTTP code the real apiserver uses
/// (k8s.io/apimachinery/pkg/api/errors): message texts follow its constructors so clients that match on them work.
/// </summary>
internal sealed class ApiError : Exception
{
    public int Code { get; }
    public string Reason { get; }
    public JsonObject? Details { get; }

    public ApiError(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public JsonObject ToStatus() => Status(Code, Reason, Message, Details?.DeepClone().AsObject());

    public static JsonObject Status(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null) status["details"] = details;
        status["code"] = code;
        return status;
    }

    private static JsonObject DetailsFor(ResourceKind kind, string name, bool useKindName = false)
    {
        var d = new JsonObject { ["name"] = name };
        if (kind.Group.Length > 0) d["group"] = kind.Group;
        d["kind"] = useKindName ? kind.Kind : kind.Plural;
        return d;
    }

    public static ApiError NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.QualifiedResource} \"{name}\" not found", DetailsFor(kind, name));

    public static ApiError AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.QualifiedResource} \"{name}\" already exists", DetailsFor(kind, name));

    public static ApiError Conflict(ResourceKind kind, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {kind.QualifiedResource} \"{name}\": {why}", DetailsFor(kind, name));

    public static ApiError ApplyConflict(ResourceKind kind, string name, string message, IReadOnlyList<StatusCause> causes)
    {
        var d = DetailsFor(kind, name);
        d["causes"] = CausesJson(causes);
        return new ApiError(409, "Conflict", message, d);
    }

    public static ApiError Invalid(ResourceKind kind, string name, IReadOnlyList<StatusCause> causes)
    {
        var d = DetailsFor(kind, name, useKindName: true);
        d["causes"] = CausesJson(causes);
        var list = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        var message = causes.Count == 1
            ? $"{kind.QualifiedKind} \"{name}\" is invalid: {list}"
            : $"{kind.QualifiedKind} \"{name}\" is invalid: [{list}]";
        return new ApiError(422, "Invalid", message, d);
    }

    public static ApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiError MethodNotAllowed() => new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiError UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got {contentType})");

    public static ApiError PathNotFound() => new(404, "NotFound", "the server could not find the requested resource");

    /// <summary>410 Expired: the resourceVersion or continue token is older than the retained history.</summary>
    public static ApiError Expired(string message) => new(410, "Expired", message);

    private static JsonArray CausesJson(IReadOnlyList<StatusCause> causes)
    {
        var a = new JsonArray();
        foreach (var c in causes)
            a.Add(new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field });
        return a;
    }
}
