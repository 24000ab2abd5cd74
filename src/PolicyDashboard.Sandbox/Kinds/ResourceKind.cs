namespace PolicyDashboard.Sandbox.Kinds;

/// <summary>
/// One REST resource the sandbox serves: where it lives in the URL space and how discovery describes it.
/// <see cref="ReviewOnly"/> kinds (access reviews) are only created, answered and never stored.
/// </summary>
internal sealed record ResourceKind(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    string[] ShortNames,
    string[]? Categories = null,
    bool ReviewOnly = false)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string Singular => Kind.ToLowerInvariant();
    public string ListKind => Kind + "List";

    /// <summary>"pods" for the core group, "networkpolicies.networking.k8s.io" otherwise: how Status messages name a resource.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>"Pod", "NetworkPolicy.networking.k8s.io": how 422 messages name a kind.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public IReadOnlyList<string> Verbs => ReviewOnly ? ["create"] : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public override string ToString() => QualifiedResource;
}
