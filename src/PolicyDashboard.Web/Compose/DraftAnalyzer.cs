using PolicyDashboard.Core.Compose;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Web.Compose;

/// <summary>
/// Reads a draft the way it would be applied and tells what it would do. Only policy kinds are accepted; YAML errors
/// carry line and column, validation errors the field (the engine's validator, which follows the API server's);
/// nothing here writes. The impact is the engine's semantic diff of the cluster without and with the draft.
/// </summary>
public static class DraftAnalyzer
{
    /// <summary>Drafts are policies: anything larger is refused before it is parsed.</summary>
    public const int MaxLength = 512 * 1024;

    public static DraftReport Analyze(string? yaml, ClusterSnapshot current, CancellationToken cancellationToken = default)
    {
        var text = yaml ?? "";
        if (text.Length > MaxLength)
            return DraftReport.Invalid(text, current.Version, new DraftProblem($"the draft is {text.Length:N0} characters; at most {MaxLength:N0} are accepted"));
        if (string.IsNullOrWhiteSpace(text))
            return DraftReport.Invalid(text, current.Version, new DraftProblem("the draft is empty: write a policy or pick a template"));

        var loaded = ManifestLoader.LoadText(text, "draft", new ManifestLoadOptions { ExpandWorkloads = false });
        // Warnings block too (an unknown kind or apiVersion is skipped by the loader; here it must not pass unnoticed);
        // notes about the manifests' context (a namespace they do not declare) do not concern a draft.
        var problems = loaded.Diagnostics
            .Where(d => d.Severity >= ManifestSeverity.Warning)
            .Select(d => new DraftProblem(d.Message, d.Line, d.Column))
            .ToList();
        var drafted = loaded.Snapshot;
        if (!drafted.Pods.IsEmpty || !drafted.Services.IsEmpty || !drafted.Ingresses.IsEmpty || !drafted.Nodes.IsEmpty || !drafted.EndpointSlices.IsEmpty)
            problems.Add(new DraftProblem("only NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy can be drafted here"));

        var policies = drafted.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        var admin = drafted.AdminPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        if (policies.Count + admin.Count == 0 && problems.Count == 0)
            problems.Add(new DraftProblem("the draft holds no policy"));
        foreach (var p in policies)
            problems.AddRange(PolicyValidator.Validate(p).Select(e => new DraftProblem(e.Message, Field: e.Field, Policy: $"NetworkPolicy {p.Namespace}/{p.Name}")));
        foreach (var p in admin)
            problems.AddRange(PolicyValidator.Validate(p).Select(e => new DraftProblem(e.Message, Field: e.Field, Policy: $"{p.Kind} {p.Name}")));
        if (problems.Count > 0)
            return new DraftReport(text, policies, admin, problems, ReachabilityDiff.Empty, [], current.Version);

        var after = current with
        {
            NetworkPolicies = current.NetworkPolicies.SetItems(policies.Select(p => KeyValuePair.Create(p.Key, p))),
            AdminPolicies = current.AdminPolicies.SetItems(admin.Select(p => KeyValuePair.Create(p.Key, p))),
        };
        var impact = ReachabilityDiffer.Compare(current, after, cancellationToken: cancellationToken);
        var dangers = DraftDangers.Check(current, after, policies, []);
        return new DraftReport(text, policies, admin, [], impact, dangers, current.Version);
    }

    /// <summary>What deleting one NetworkPolicy would do.</summary>
    public static (ReachabilityDiff Impact, IReadOnlyList<DraftDanger> Dangers) Deletion(ClusterSnapshot current, ObjectKey policy, CancellationToken cancellationToken = default)
    {
        var after = current with { NetworkPolicies = current.NetworkPolicies.Remove(policy) };
        return (ReachabilityDiffer.Compare(current, after, cancellationToken: cancellationToken), DraftDangers.Check(current, after, [], [policy]));
    }
}
