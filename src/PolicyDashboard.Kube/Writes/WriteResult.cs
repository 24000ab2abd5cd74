using System.Collections.Immutable;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.Writes;

/// <summary>How to write: server-side dry run, taking over fields owned by other managers, and as whom.</summary>
/// <param name="DryRun">dryRun=All: the API server validates and admits but persists nothing.</param>
/// <param name="Force">force=true: take ownership of fields other field managers own instead of a conflict.</param>
/// <param name="As">Impersonate this identity (Impersonate-User/Group); null = the dashboard's own credentials.</param>
public sealed record WriteOptions(bool DryRun = false, bool Force = false, RequestIdentity? As = null)
{
    public static readonly WriteOptions Default = new();
}

/// <summary>One field the API server rejected (422 Invalid details.causes).</summary>
public readonly record struct FieldCause(string Field, string Message);

/// <summary>One field owned by another field manager (409 Conflict from server-side apply).</summary>
public readonly record struct FieldConflict(string Field, string Manager, string Message);

/// <summary>The outcome of a write, as data: API errors never surface as exceptions.</summary>
public abstract record WriteResult
{
    private WriteResult() { }

    public bool Succeeded => this is Applied or Deleted;

    /// <summary>Applied (or, with dry run, would be); the object's resourceVersion after the write.</summary>
    public sealed record Applied(string Kind, string? Namespace, string Name, string? ResourceVersion, bool DryRun) : WriteResult;

    public sealed record Deleted(string Kind, string? Namespace, string Name, bool DryRun) : WriteResult;

    /// <summary>The object is invalid (422, or the text could not be read); each cause names a field path.</summary>
    public sealed record Invalid(string Message, ImmutableArray<FieldCause> Causes) : WriteResult;

    /// <summary>Fields owned by other managers (use force to take them), or another write got there first.</summary>
    public sealed record Conflict(string Message, ImmutableArray<FieldConflict> Fields) : WriteResult;

    public sealed record NotFound(string Message) : WriteResult;

    /// <summary>RBAC said no (403), or the identity may not be impersonated.</summary>
    public sealed record Forbidden(string Message) : WriteResult;

    /// <summary>Anything else: unreachable server, unexpected status.</summary>
    public sealed record Error(string Message, int? StatusCode = null) : WriteResult;
}
