namespace PolicyDashboard.Cli;

/// <summary>
/// The process exit codes, part of the CLI's contract with CI pipelines (also listed in <c>policydash --help</c>).
/// </summary>
public static class ExitCodes
{
    /// <summary>The command ran and found nothing at or above its failure threshold.</summary>
    public const int Ok = 0;

    /// <summary>Lint findings at or above <c>--fail-on</c>, or the analysis itself failed.</summary>
    public const int Findings = 1;

    /// <summary>Bad usage or bad input: unknown option, unreadable file, invalid YAML or policy, unknown pod in a probe.</summary>
    public const int InputError = 2;
}
