using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Kube.Convert;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// Reads a draft the way it would be applied and tells what it would do. Nothing here writes. The impact is the
/// engine's semantic diff of the cluster without and with the draft.
/// <para>
/// Drafts are read strictly, like <c>kubectl apply --validate=strict</c>, and anything wrong anywhere refuses the whole
/// draft (nothing partial is applied): YAML errors, duplicate keys, unknown fields (<c>unknown field
/// "spec.podSelecter"</c>), kinds other than the policy kinds and unsupported apiVersions (naming what is accepted),
/// a namespace other than the composer's (<c>the namespace from the provided object "x" does not match the namespace
/// "y"</c>), characters YAML does not allow, nesting deeper than 64 levels and aliases that copy more than 1,000 nodes
/// each carry line and column; invalid values (ports, CIDRs, label keys) carry the field, from the engine's
/// validator, which follows the API server's. Oversized drafts are refused before they are parsed.
/// </para>
/// </summary>
public static class DraftAnalyzer
{
    /// <summary>Drafts are policies: anything larger (in characters) is refused before it is parsed.</summary>
    public const int MaxLength = 512 * 1024;

    /// <summary>Drafts given as bytes: anything larger is refused before it is decoded (UTF-8 has at most 3 bytes per character of <see cref="MaxLength"/>).</summary>
    public const int MaxBytes = 3 * MaxLength;

    private static readonly ManifestLoadOptions DraftOptions = new()
    {
        ExpandWorkloads = false,
        Strict = true,
        AcceptedKinds = [ResourceKinds.NetworkPolicies, ResourceKinds.AdminNetworkPolicies, ResourceKinds.BaselineAdminNetworkPolicies, ResourceKinds.ClusterNetworkPolicies],
    };

    /// <summary>A draft in any namespace it names (<c>default</c> when it names none).</summary>
    public static DraftReport Analyze(string? yaml, ClusterSnapshot current, CancellationToken cancellationToken = default) =>
        Analyze(yaml, current, expectedNamespace: null, cancellationToken);

    /// <summary>
    /// A draft for the namespace the composer has chosen: NetworkPolicies without a namespace get
    /// <paramref name="expectedNamespace"/>, and one naming another namespace is a problem. Null accepts any namespace.
    /// </summary>
    public static DraftReport Analyze(string? yaml, ClusterSnapshot current, string? expectedNamespace, CancellationToken cancellationToken = default)
    {
        var text = yaml ?? "";
        if (text.Length > MaxLength)
            return Invalid(text, current, expectedNamespace, new DraftProblem($"the draft is {text.Length:N0} characters; at most {MaxLength:N0} are accepted"));
        if (string.IsNullOrWhiteSpace(text))
            return Invalid(text, current, expectedNamespace, new DraftProblem("the draft is empty: write a policy or pick a template"));

        var options = expectedNamespace is null ? DraftOptions : DraftOptions with { DefaultNamespace = expectedNamespace, EnforceNamespace = true };
        var loaded = ManifestLoader.LoadText(text, "draft", options);
        // Warnings block too (a policy defined twice, say); notes about the manifests' context (a namespace they do
        // not declare) do not concern a draft.
        var problems = loaded.Diagnostics
            .Where(d => d.Severity >= ManifestSeverity.Warning)
            .Select(d => new DraftProblem(d.Message, d.Line, d.Column))
            .ToList();
        var drafted = loaded.Snapshot;
        var policies = drafted.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        var admin = drafted.AdminPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        if (policies.Count + admin.Count == 0 && problems.Count == 0)
            problems.Add(new DraftProblem("the draft holds no policy"));
        foreach (var p in policies)
            problems.AddRange(PolicyValidator.Validate(p).Select(e => Problem(e, loaded.PositionOf("NetworkPolicy", p.Key, e.Field), $"NetworkPolicy {p.Namespace}/{p.Name}")));
        foreach (var p in admin)
            problems.AddRange(PolicyValidator.Validate(p).Select(e => Problem(e, loaded.PositionOf(p.Kind.ToString(), p.Meta.Key, e.Field), $"{p.Kind} {p.Name}")));
        if (problems.Count > 0)
            return new DraftReport(text, policies, admin, problems, ReachabilityDiff.Empty, [], current.Version) { ExpectedNamespace = expectedNamespace };

        var after = DraftOverlay.After(current, policies, admin);
        var impact = ReachabilityDiffer.Compare(current, after, cancellationToken: cancellationToken);
        var dangers = DraftDangers.Check(current, after, policies, []);
        return new DraftReport(text, policies, admin, [], impact, dangers, current.Version) { ExpectedNamespace = expectedNamespace };
    }

    /// <summary>
    /// A draft given as bytes (an uploaded or imported file): it must be UTF-8, with or without a byte order mark.
    /// Invalid UTF-8 is refused with the byte offset (and line and column) of the first bad byte; otherwise the text is
    /// analysed as <see cref="Analyze(string?, ClusterSnapshot, string?, CancellationToken)"/> does.
    /// </summary>
    public static DraftReport AnalyzeBytes(ReadOnlySpan<byte> utf8, ClusterSnapshot current, string? expectedNamespace = null, CancellationToken cancellationToken = default) =>
        TryDecode(utf8, out var text, out var problem)
            ? Analyze(text, current, expectedNamespace, cancellationToken)
            : Invalid(text, current, expectedNamespace, problem!);

    /// <summary>
    /// The text of a draft given as bytes: UTF-8, a byte order mark dropped. False, with the problem (the byte offset,
    /// line and column of the first bad byte, or the size) when the bytes are not a draft's text; <paramref name="text"/>
    /// is then only for showing what arrived.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string text, out DraftProblem? problem)
    {
        if (utf8.Length > MaxBytes)
        {
            (text, problem) = ("", new DraftProblem($"the draft is {utf8.Length:N0} bytes; at most {MaxBytes:N0} are accepted"));
            return false;
        }
        var body = utf8.StartsWith(Utf8Bom) ? utf8[Utf8Bom.Length..] : utf8;
        text = System.Text.Encoding.UTF8.GetString(body);
        if (DraftEncoding.FirstInvalidUtf8(body) is { } bad)
        {
            var offset = bad.Offset + (utf8.Length - body.Length);
            problem = new DraftProblem($"the draft is not valid UTF-8: byte 0x{body[bad.Offset]:X2} at byte offset {offset:N0}: {bad.Reason}", bad.Line, bad.Column);
            return false;
        }
        problem = null;
        return true;
    }

    /// <summary>A validation error at the field it names and where that field is written.</summary>
    private static DraftProblem Problem(FieldError error, SourcePosition? at, string policy) =>
        new(Describe(error), at?.Line, at?.Column, error.Field, policy);

    /// <summary>A validation error as the API server words it (<c>Invalid value: "10.0.0.0/33": must be a valid CIDR …</c>), without the field, which the problem carries.</summary>
    private static string Describe(FieldError error) => (error with { Field = "" }).ToString();

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static DraftReport Invalid(string text, ClusterSnapshot current, string? expectedNamespace, DraftProblem problem) =>
        DraftReport.Invalid(text, current.Version, problem) with { ExpectedNamespace = expectedNamespace };

    /// <summary>What deleting one NetworkPolicy would do.</summary>
    public static (ReachabilityDiff Impact, IReadOnlyList<DraftDanger> Dangers) Deletion(ClusterSnapshot current, ObjectKey policy, CancellationToken cancellationToken = default)
    {
        var after = current with { NetworkPolicies = current.NetworkPolicies.Remove(policy) };
        return (ReachabilityDiffer.Compare(current, after, cancellationToken: cancellationToken), DraftDangers.Check(current, after, [], [policy]));
    }
}
