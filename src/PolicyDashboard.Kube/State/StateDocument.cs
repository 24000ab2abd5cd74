using System.Collections.Immutable;

namespace PolicyDashboard.Kube.State;

/// <summary>
/// One ConfigMap or Secret of the dashboard's state, reduced to what the stores use: a name, its labels and
/// annotations, and binary entries (ConfigMap <c>binaryData</c>, Secret <c>data</c>). <see cref="ResourceVersion"/>
/// is the version the document was read at (opaque); a replace carries it back so a concurrent change is a conflict
/// instead of being overwritten. Null for a document that does not exist yet.
/// </summary>
public sealed record StateDocument(
    string Name,
    ImmutableDictionary<string, byte[]> Data,
    ImmutableDictionary<string, string> Labels,
    ImmutableDictionary<string, string> Annotations,
    string? ResourceVersion = null)
{
    /// <summary>The label every state object carries, so operators can tell them from anything else in the namespace.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    public const string ManagedByValue = "policy-dashboard";

    /// <summary>What a state object holds (drafts, activity, sessions, keys); stores list their own by it.</summary>
    public const string KindLabel = "policy-dashboard.io/kind";

    /// <summary>A new document with the managed-by and kind labels.</summary>
    public static StateDocument New(string name, string kind) => new(
        name,
        ImmutableDictionary<string, byte[]>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add(ManagedByLabel, ManagedByValue).Add(KindLabel, kind),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>The payload size the API server counts against its 1 MiB limit.</summary>
    public long PayloadBytes => Data.Values.Sum(v => (long)v.Length);
}
