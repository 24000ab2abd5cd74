using Microsoft.AspNetCore.Http;
using PolicyDashboard.Sandbox.Http;

namespace PolicyDashboard.Sandbox.Authorization;

/// <summary>Who a request acts as: the server's own identity, or the user named by the impersonation headers.</summary>
internal sealed record RequestUser(string Name, IReadOnlyList<string> Groups, bool Impersonated)
{
    /// <summary>
    /// The identity of requests without impersonation headers. The sandbox has no credentials: whoever reaches its
    /// loopback port is its administrator, as before impersonation was modelled.
    /// </summary>
    public static readonly RequestUser Server = new(SandboxAuthorizer.ServerUser, [SandboxAuthorizer.SystemMasters, SandboxAuthorizer.AllAuthenticated], false);

    /// <summary>
    /// Reads the impersonation headers (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation):
    /// "Impersonate-User: the username to act as. Impersonate-Group: a group name to act as. Can be provided multiple
    /// times to set multiple groups. Optional. Requires Impersonate-User." The server's own identity may impersonate
    /// anyone, so the impersonation itself is never refused. Like the API server's impersonation filter, a
    /// non-anonymous impersonated user is also a member of system:authenticated unless the request named
    /// system:authenticated or system:unauthenticated itself.
    /// </summary>
    public static RequestUser From(HttpRequest request)
    {
        var user = request.Headers["Impersonate-User"].ToString();
        var groups = request.Headers["Impersonate-Group"].Where(g => g is not null).Select(g => g!).ToList();
        var uid = request.Headers["Impersonate-Uid"].ToString();
        var extras = request.Headers.Keys.Where(k => k.StartsWith("Impersonate-Extra-", StringComparison.OrdinalIgnoreCase)).ToList();
        if (user.Length == 0)
        {
            if (groups.Count > 0 || uid.Length > 0 || extras.Count > 0)
                throw ApiError.BadRequest("requested impersonation of groups, uid or extra fields without impersonating a user");
            return Server;
        }
        if (user != "system:anonymous" && !groups.Contains(SandboxAuthorizer.AllAuthenticated) && !groups.Contains("system:unauthenticated"))
            groups.Add(SandboxAuthorizer.AllAuthenticated);
        return new RequestUser(user, groups, true);
    }
}

/// <summary>
/// The authorization attributes of a resource request, derived as the API server does
/// (https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-the-request-verb): GET of a
/// collection is list (watch with ?watch=true), of one object get; POST create; PUT update; PATCH patch; DELETE of
/// one object delete, of a collection deletecollection.
/// </summary>
internal sealed record RequestAttributes(string Verb, string ApiGroup, string Resource, string? Subresource, string? Namespace, string? Name)
{
    public string QualifiedResource => Subresource is null ? Resource : $"{Resource}/{Subresource}";

    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";

    public static RequestAttributes Of(HttpRequest request, ResourceRequest resource)
    {
        var watch = request.Query["watch"] is var w && (w == "1" || w == "true");
        var verb = request.Method switch
        {
            "GET" or "HEAD" => resource.Name is null ? (watch ? "watch" : "list") : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => resource.Name is null ? "deletecollection" : "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        return new RequestAttributes(verb, resource.Kind.Group, resource.Kind.Plural, resource.Subresource, resource.Namespace, resource.Name);
    }
}
