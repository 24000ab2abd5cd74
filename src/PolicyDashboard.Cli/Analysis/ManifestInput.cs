using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Cli.Analysis;

/// <summary>
/// Loads the manifests a command names and holds them to the API server's standard. Problems are printed to stderr
/// as <c>file:line:column: severity: message</c>; unknown kinds are warnings (skipped, the run goes on); unreadable
/// files, malformed YAML/JSON and policies the API server would reject (each error with its field path) are errors:
/// a CI must not pass on a manifest the cluster would refuse, so the command stops with exit code 2.
/// </summary>
public static class ManifestInput
{
    public static ClusterSnapshot Load(IReadOnlyList<string> paths, TextWriter stderr, PhaseTimer timer, string? label = null, bool validatePolicies = true) =>
        LoadCounted(paths, stderr, timer, label, validatePolicies).Snapshot;

    /// <summary>As <see cref="Load"/>, also counting the warnings printed while loading (for <c>lint --fail-on warning</c>).</summary>
    public static (ClusterSnapshot Snapshot, int Warnings) LoadCounted(IReadOnlyList<string> paths, TextWriter stderr, PhaseTimer timer, string? label = null, bool validatePolicies = true)
    {
        var loaded = timer.Measure("load", () => ManifestLoader.LoadPaths(paths));
        var (errors, warnings) = (0, 0);
        foreach (var diagnostic in ManifestLoader.Ordered(loaded.Diagnostics))
        {
            if (diagnostic.Severity == ManifestSeverity.Info) continue;
            if (diagnostic.Severity == ManifestSeverity.Error) errors++;
            else warnings++;
            stderr.WriteLine(CliApp.OneLine(diagnostic.ToString()));
        }
        var what = label is null ? "the manifests" : $"the {label} manifests";
        if (errors > 0)
            throw new CliException($"{Count(errors, "error")} in {what}; nothing was analyzed");

        WarnAboutPodsWithoutIp(loaded.Snapshot, stderr);
        if (!validatePolicies)
            return (loaded.Snapshot, warnings);
        var invalid = timer.Measure("validate", () => ReportInvalidPolicies(loaded.Snapshot, stderr));
        if (invalid > 0)
            throw new CliException($"{Count(invalid, "invalid policy", "invalid policies")} in {what} (the API server would reject them); nothing was analyzed");
        return (loaded.Snapshot, warnings);
    }

    /// <summary>
    /// Manifests usually carry only specs. Pods without a status are analysed as running pods whose address is unknown
    /// (selected by pod and namespace selectors, never matched by an ipBlock); say so once, so that ipBlock rules
    /// that seem to be ignored are not a mystery. Pods whose status says they have no IP stay unreachable.
    /// </summary>
    private static void WarnAboutPodsWithoutIp(ClusterSnapshot snapshot, TextWriter stderr)
    {
        var unknown = Names(snapshot.Pods.Values.Where(p => p.AddressUnknown));
        if (unknown.Count > 0)
            stderr.WriteLine($"note: {Count(unknown.Count, "pod")} without status.podIP/podIPs (for workloads, the " +
                             $"{WorkloadExpander.PodIpsAnnotation} annotation) analysed with an unknown address: " +
                             $"selectors match them, ipBlock peers never do: {Summary(unknown)}");
        var none = Names(snapshot.Pods.Values.Where(p => !p.Addressable));
        if (none.Count > 0)
            stderr.WriteLine($"warning: {Count(none.Count, "pod")} whose status has no IP cannot be reached and cannot send: {Summary(none)}");
    }

    private static List<string> Names(IEnumerable<PodInfo> pods) =>
        pods.Select(p => p.Key.ToString()).Order(StringComparer.Ordinal).ToList();

    private static string Summary(List<string> names) =>
        string.Join(", ", names.Take(5)) + (names.Count > 5 ? $", and {names.Count - 5} more" : "");

    /// <summary>Prints each field error of each policy as <c>error: Kind namespace/name: field.path: reason</c>; returns the number of invalid policies.</summary>
    public static int ReportInvalidPolicies(ClusterSnapshot snapshot, TextWriter stderr)
    {
        var invalid = 0;
        foreach (var policy in snapshot.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
            invalid += Report(stderr, $"NetworkPolicy {policy.Key}", PolicyValidator.Validate(policy));
        foreach (var policy in snapshot.AdminPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
            invalid += Report(stderr, $"{policy.Kind} {policy.Name}", PolicyValidator.Validate(policy));
        return invalid;
    }

    private static int Report(TextWriter stderr, string subject, IReadOnlyList<FieldError> errors)
    {
        foreach (var error in errors)
            stderr.WriteLine($"error: {subject}: {CliApp.OneLine(error.ToString())}");
        return errors.Count > 0 ? 1 : 0;
    }

    private static string Count(int n, string singular, string? plural = null) =>
        n == 1 ? $"1 {singular}" : $"{n} {plural ?? singular + "s"}";
}
