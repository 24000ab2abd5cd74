namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD002: a policy whose subject is empty has no effect today — often a typo in a label. hostNetwork pods do not
/// count: selectors never select them.
/// </summary>
internal sealed class SelectsNoPodCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var policy in context.NetworkPolicies)
            if (!context.SelectedBy(policy).Any())
                yield return new LintFinding(LintCodes.SelectsNoPod, LintSeverity.Warning,
                    $"NetworkPolicy {policy.Key} selects no pod in namespace {policy.Namespace}.",
                    [LintObject.For(policy)], "spec.podSelector");

        foreach (var policy in context.AdminPolicies)
            if (!context.SubjectPods(policy.Subject).Any())
                yield return new LintFinding(LintCodes.SelectsNoPod, LintSeverity.Warning,
                    $"{policy.Key} selects no pod: its subject matches nothing.",
                    [LintObject.For(policy)], "spec.subject");
    }
}
