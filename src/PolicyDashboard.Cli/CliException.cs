namespace PolicyDashboard.Cli;

/// <summary>
/// A failure the user can act on. Its message is printed as is (one line, prefixed by "error:"), never with a
/// stack trace, and the process exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.InputError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
