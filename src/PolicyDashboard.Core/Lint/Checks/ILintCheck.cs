namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>One family of findings over the indexed snapshot.</summary>
internal interface ILintCheck
{
    IEnumerable<LintFinding> Run(LintContext context);
}
