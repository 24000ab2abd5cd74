namespace PolicyDashboard.Sandbox.Authorization;

/// <summary>
/// One write request the sandbox answered (every create, update, patch, delete and deletecollection through the
/// API, refused ones and dry runs included), like an entry of the API server's audit log at ResponseComplete.
/// </summary>
/// <param name="User">The acting user: the impersonated user, or the server's own identity without impersonation.</param>
/// <param name="Groups">The acting user's groups (an impersonated user is also in system:authenticated).</param>
/// <param name="Impersonated">Whether the request carried impersonation headers.</param>
/// <param name="Code">The HTTP status of the answer (403 when authorization refused it).</param>
/// <param name="CredentialHeaders">
/// Names (lower case) of the Authorization and Impersonate-* headers the request carried; their values are not
/// kept, so nothing secret is held here.
/// </param>
public sealed record SandboxAuditEntry(
    DateTimeOffset Time,
    string User,
    IReadOnlyList<string> Groups,
    bool Impersonated,
    string Verb,
    string ApiGroup,
    string Resource,
    string? Namespace,
    string? Name,
    bool DryRun,
    int Code,
    IReadOnlyList<string> CredentialHeaders);
