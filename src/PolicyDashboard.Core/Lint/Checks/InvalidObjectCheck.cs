namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD001: each field error the API server would return, as a finding on the object. Objects from manifests can be
/// invalid; objects read from a cluster passed the same checks, unless the server predates them.
/// </summary>
internal sealed class InvalidObjectCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var (policy, errors) in context.NetworkPolicyErrors)
            foreach (var error in errors)
                yield return new LintFinding(LintCodes.InvalidObject, LintSeverity.Error, error.ToString(), [LintObject.For(policy)], error.Field);
        foreach (var (policy, errors) in context.AdminPolicyErrors)
            foreach (var error in errors)
                yield return new LintFinding(LintCodes.InvalidObject, LintSeverity.Error, error.ToString(), [LintObject.For(policy)], error.Field);
    }
}
