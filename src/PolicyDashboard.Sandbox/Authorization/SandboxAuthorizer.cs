using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Authorization;

/// <summary>
/// Decides whether a request's user may do what it asks. Allowed without a grant, as in a real cluster: the
/// server's own identity and members of system:masters (the API server's privileged group, which bypasses
/// authorization), and creating a SelfSubjectAccessReview (the system:basic-user ClusterRole grants it to every
/// authenticated user). Everything else needs a <see cref="SandboxGrant"/>; no grant means no access.
/// </summary>
internal sealed class SandboxAuthorizer(IReadOnlyList<SandboxGrant> grants)
{
    public const string ServerUser = "sandbox-admin";
    public const string SystemMasters = "system:masters";
    public const string AllAuthenticated = "system:authenticated";

    /// <summary>Allowed, and why (the grant or rule that allowed it); or refused with an empty reason, as RBAC does.</summary>
    public (bool Allowed, string Reason) Decide(RequestUser user, RequestAttributes request)
    {
        if (!user.Impersonated) return (true, "the sandbox's own identity may do everything");
        if (user.Groups.Contains(SystemMasters, StringComparer.Ordinal)) return (true, "members of system:masters may do everything");
        if (request is { Verb: "create", ApiGroup: "authorization.k8s.io", Resource: "selfsubjectaccessreviews" })
            return (true, "every authenticated user may review its own access");
        for (var i = 0; i < grants.Count; i++)
            if (grants[i].Covers(user, request))
                return (true, $"sandbox RBAC: allowed by grant {i} to {grants[i].Describe()}");
        return (false, "");
    }

    /// <summary>Throws the API server's 403 Forbidden Status unless <paramref name="user"/> may make the request.</summary>
    public void Authorize(RequestUser user, RequestAttributes request, ResourceKind kind)
    {
        if (!Decide(user, request).Allowed) throw Forbidden(user, request, kind);
    }

    /// <summary>
    /// The message of k8s.io/apiserver responsewriters.Forbidden (forbiddenMessage) wrapped by apierrors.NewForbidden:
    /// <c>networkpolicies.networking.k8s.io "n" is forbidden: User "u" cannot create resource "networkpolicies" in API
    /// group "networking.k8s.io" in the namespace "ns"</c> (no name for a create or a list; "at the cluster scope"
    /// without a namespace).
    /// </summary>
    public static ApiError Forbidden(RequestUser user, RequestAttributes request, ResourceKind kind)
    {
        var scope = request.Namespace is { Length: > 0 } ns ? $"in the namespace \"{ns}\"" : "at the cluster scope";
        var why = $"User \"{user.Name}\" cannot {request.Verb} resource \"{request.QualifiedResource}\" in API group \"{request.ApiGroup}\" {scope}";
        var name = request.Verb == "create" ? null : request.Name;
        var message = name is null ? $"{kind.QualifiedResource} is forbidden: {why}" : $"{kind.QualifiedResource} \"{name}\" is forbidden: {why}";
        var details = new System.Text.Json.Nodes.JsonObject();
        if (name is not null) details["name"] = name;
        if (kind.Group.Length > 0) details["group"] = kind.Group;
        details["kind"] = kind.Plural;
        return new ApiError(403, "Forbidden", message, details);
    }
}
