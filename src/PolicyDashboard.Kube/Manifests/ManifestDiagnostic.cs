using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Manifests;

public enum ManifestSeverity { Info, Warning, Error }

/// <summary>A problem found while loading manifests, with where it was found (1-based line and column when known).</summary>
public sealed record ManifestDiagnostic(ManifestSeverity Severity, string Source, int? Line, int? Column, string Message)
{
    /// <summary>The compiler-style form: <c>file:line:column: error: message</c>.</summary>
    public override string ToString()
    {
        var where = Line is { } l ? Column is { } c ? $"{Source}:{l}:{c}" : $"{Source}:{l}" : Source;
        var severity = Severity switch
        {
            ManifestSeverity.Error => "error",
            ManifestSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{where}: {severity}: {Message}";
    }
}

/// <summary>What a set of manifests describes, plus everything that could not be read.</summary>
public sealed record ManifestLoadResult(ClusterSnapshot Snapshot, ImmutableArray<ManifestDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == ManifestSeverity.Error);

    /// <summary>Where each loaded object was written; kept by strict loading only (it holds the parsed documents).</summary>
    internal IReadOnlyDictionary<(string Kind, ObjectKey Key), (SourceDocument Document, string Path)>? Sources { get; init; }

    /// <summary>
    /// Where a field of a loaded object is written ("spec.ingress[0].ports[0].port"; a field that is not written gives
    /// the nearest enclosing one): for pointing validation errors at a line. Null when the loading was not strict or the
    /// object is unknown.
    /// </summary>
    public SourcePosition? PositionOf(string kind, ObjectKey key, string field) =>
        Sources is not null && Sources.TryGetValue((kind, key), out var source)
            ? source.Document.AtField(source.Path, field.Length == 0 ? null : StrictFields.JsonPath(field))
            : null;
}

/// <summary>Choices for turning manifests into a cluster view.</summary>
public sealed record ManifestLoadOptions
{
    public static readonly ManifestLoadOptions Default = new();

    /// <summary>
    /// Expand Deployments, ReplicaSets, StatefulSets and DaemonSets into the pods they would create (default on).
    /// Such pods get IPs only from the workload's <see cref="WorkloadExpander.PodIpsAnnotation"/> annotation.
    /// </summary>
    public bool ExpandWorkloads { get; init; } = true;

    /// <summary>Namespace for namespaced objects that name none (kubectl's default).</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>
    /// Namespaced objects that name a namespace other than <see cref="DefaultNamespace"/> are errors, as with
    /// <c>kubectl apply --namespace</c> (off by default: manifests name whatever namespaces they use).
    /// </summary>
    public bool EnforceNamespace { get; init; }

    /// <summary>
    /// Strict reading, like <c>kubectl apply --validate=strict</c> (off by default, where the loader skips what it
    /// cannot use and warns): duplicate mapping keys, fields the kind does not have, unsupported kinds and
    /// apiVersions, and characters YAML does not allow (control characters, unpaired surrogates) are errors, each at
    /// its line and column; aliases may copy at most 1,000 nodes.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>When set, objects of any other kind are errors naming the accepted kinds.</summary>
    public IReadOnlyList<PolicyDashboard.Kube.Convert.ResourceKind>? AcceptedKinds { get; init; }
}
