using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose;

/// <summary>A problem with a draft, at a line and column of its YAML or at a field of a policy.</summary>
public sealed record DraftProblem(string Message, int? Line = null, int? Column = null, string? Field = null, string? Policy = null)
{
    public override string ToString() =>
        (Line is { } l ? $"line {l}{(Column is { } c ? $", column {c}" : "")}: " : "") + (Policy is null ? "" : $"{Policy}: ") + (Field is null ? "" : $"{Field}: ") + Message;
}

/// <summary>
/// What a draft (one or more policies as YAML) would do: the policies read from it, every problem (any blocks
/// applying), the connections it opens and closes against the cluster as it is now, and the dangers that need
/// confirming. Computed against <see cref="SnapshotVersion"/>.
/// </summary>
public sealed record DraftReport(
    string Yaml,
    IReadOnlyList<NetworkPolicyInfo> Policies,
    IReadOnlyList<AdminPolicyInfo> AdminPolicies,
    IReadOnlyList<DraftProblem> Problems,
    ReachabilityDiff Impact,
    IReadOnlyList<DraftDanger> Dangers,
    long SnapshotVersion)
{
    public bool CanApply => Problems.Count == 0 && Policies.Count + AdminPolicies.Count > 0;

    /// <summary>The namespace the draft was read for (its NetworkPolicies must be in it), or null for any namespace.</summary>
    public string? ExpectedNamespace { get; init; }

    public static DraftReport Invalid(string yaml, long version, params DraftProblem[] problems) =>
        new(yaml, [], [], problems, ReachabilityDiff.Empty, [], version);
}
