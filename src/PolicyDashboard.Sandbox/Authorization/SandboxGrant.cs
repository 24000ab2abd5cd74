namespace PolicyDashboard.Sandbox.Authorization;

/// <summary>
/// One permission of the sandbox's small RBAC model: a subject (exactly one of <see cref="User"/> or
/// <see cref="Group"/>) may use <see cref="Verbs"/> on <see cref="Resources"/> of <see cref="ApiGroups"/>, in
/// <see cref="Namespaces"/> (empty: every namespace and the cluster scope, as a ClusterRoleBinding would). The fields
/// read like an RBAC rule: "*" matches everything, "" is the core API group, a subresource is written
/// <c>networkpolicies/status</c>. Grants only apply to impersonated requests; see <see cref="SandboxAuthorizer"/>.
/// </summary>
public sealed record SandboxGrant
{
    public string? User { get; init; }

    public string? Group { get; init; }

    /// <summary>get, list, watch, create, update, patch, delete, deletecollection, or "*".</summary>
    public IReadOnlyList<string> Verbs { get; init; } = [];

    /// <summary>API groups ("" core, "networking.k8s.io", "*").</summary>
    public IReadOnlyList<string> ApiGroups { get; init; } = [];

    /// <summary>Resources (plural, e.g. "networkpolicies"; "pods/status" for a subresource; "*").</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>Namespaces the grant covers; empty covers every namespace and cluster-scoped resources.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>Everything, everywhere, for one user.</summary>
    public static SandboxGrant AllToUser(string user) => new() { User = user, Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] };

    /// <summary>Everything, everywhere, for the members of one group.</summary>
    public static SandboxGrant AllToGroup(string group) => new() { Group = group, Verbs = ["*"], ApiGroups = ["*"], Resources = ["*"] };

    /// <summary>
    /// Reads the command-line form <c>user=NAME|group=NAME:VERBS:RESOURCES[:NAMESPACES]</c>, lists comma-separated,
    /// a resource written <c>group/resource</c> (<c>networking.k8s.io/networkpolicies</c>) or just <c>resource</c> for
    /// the core group, <c>*</c> for all. Example: <c>group=g:create,patch,delete:networking.k8s.io/networkpolicies:x</c>.
    /// </summary>
    public static bool TryParse(string text, out SandboxGrant grant, out string error)
    {
        grant = new SandboxGrant();
        error = "";
        var parts = text.Split(':');
        if (parts.Length is < 3 or > 4 || parts[0].Split('=', 2) is not [var kind, var subject] || subject.Length == 0 || kind is not ("user" or "group"))
        {
            error = $"--grant \"{text}\" must look like user=NAME|group=NAME:VERBS:RESOURCES[:NAMESPACES]";
            return false;
        }
        static string[] List(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var resources = List(parts[2]);
        grant = new SandboxGrant
        {
            User = kind == "user" ? subject : null,
            Group = kind == "group" ? subject : null,
            Verbs = List(parts[1]),
            ApiGroups = resources.Select(r => r == "*" ? "*" : r.Contains('/', StringComparison.Ordinal) ? r[..r.LastIndexOf('/')] : "").Distinct().ToArray(),
            Resources = resources.Select(r => r.Contains('/', StringComparison.Ordinal) ? r[(r.LastIndexOf('/') + 1)..] : r).Distinct().ToArray(),
            Namespaces = parts.Length == 4 ? List(parts[3]) : [],
        };
        return true;
    }

    /// <summary>Problems with this grant, each prefixed with <paramref name="key"/> (e.g. "Grants[0]").</summary>
    public IEnumerable<string> Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(User) == string.IsNullOrWhiteSpace(Group))
            yield return $"{key}: set exactly one of User or Group";
        if (Verbs.Count == 0 || Verbs.Any(string.IsNullOrWhiteSpace))
            yield return $"{key}.Verbs must list at least one verb (\"*\" for all) and no empty entry";
        if (ApiGroups.Count == 0 || ApiGroups.Any(g => g is null))
            yield return $"{key}.ApiGroups must list at least one API group (\"\" for the core group, \"*\" for all)";
        if (Resources.Count == 0 || Resources.Any(string.IsNullOrWhiteSpace))
            yield return $"{key}.Resources must list at least one resource (\"*\" for all) and no empty entry";
        if (Namespaces.Any(string.IsNullOrWhiteSpace))
            yield return $"{key}.Namespaces must not contain an empty entry (leave the list empty for every namespace)";
    }

    internal bool Covers(RequestUser user, RequestAttributes request) =>
        (User is not null ? User == user.Name : user.Groups.Contains(Group!, StringComparer.Ordinal))
        && (Verbs.Contains("*") || Verbs.Contains(request.Verb, StringComparer.Ordinal))
        && (ApiGroups.Contains("*") || ApiGroups.Contains(request.ApiGroup, StringComparer.Ordinal))
        && (Resources.Contains("*") || Resources.Contains(request.QualifiedResource, StringComparer.Ordinal))
        && (Namespaces.Count == 0 || (request.Namespace is { Length: > 0 } ns && Namespaces.Contains(ns, StringComparer.Ordinal)));

    internal string Describe() => User is not null ? $"User \"{User}\"" : $"Group \"{Group}\"";
}
