using System.Collections.Immutable;
using PolicyDashboard.Core.Lint.Checks;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint;

/// <summary>
/// Lint findings for a snapshot, ordered by severity (errors first), code, then object. Never throws for anything
/// a snapshot can hold: invalid objects are findings, and a check that fails is reported as <see cref="LintCodes.CheckFailed"/>.
/// </summary>
public static class PolicyLinter
{
    public static ImmutableArray<LintFinding> Lint(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var context = new LintContext(snapshot);
        ILintCheck[] checks =
        [
            new InvalidObjectCheck(),
            new SelectsNoPodCheck(),
            new PeerMatchesNothingCheck(),
            new DnsEgressCheck(new EgressProbe(context)),
            new AllowAllCheck(),
            new NamespaceNotIsolatedCheck(),
            new ShadowedCheck(),
            new NamedPortCheck(),
            new CniDependentCheck(),
            new AdminPolicyChecks(),
        ];

        var findings = new List<LintFinding>();
        foreach (var check in checks)
        {
            try
            {
                findings.AddRange(check.Run(context));
            }
#pragma warning disable CA1031 // a failing check must not take the dashboard down: it becomes a finding
            catch (Exception ex)
#pragma warning restore CA1031
            {
                findings.Add(new LintFinding(LintCodes.CheckFailed, LintSeverity.Error,
                    $"The {check.GetType().Name} check failed: {ex.Message}", []));
            }
        }

        return [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Objects.IsDefaultOrEmpty ? "" : f.Objects[0].ToString(), StringComparer.Ordinal)
            .ThenBy(f => f.Field ?? "", StringComparer.Ordinal)];
    }

    /// <summary>Whether any finding is at or above the threshold (for <c>--fail-on</c>).</summary>
    public static bool Fails(IEnumerable<LintFinding> findings, LintSeverity threshold) => findings.Any(f => f.Severity >= threshold);
}
