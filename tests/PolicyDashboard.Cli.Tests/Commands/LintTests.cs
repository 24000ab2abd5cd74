using System.Text.Json;

namespace PolicyDashboard.Cli.Tests.Commands;

public sealed class LintTests
{
    // An egress default-deny in a namespace whose pods then cannot resolve names: a warning, not an error.
    private const string DenyAllEgress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-egress, namespace: default}
        spec:
          podSelector: {}
          policyTypes: [Egress]
        """;

    [Fact]
    public void Lint_WarningOnly_PassesAtErrorAndFailsAtWarning()
    {
        using var dir = new TempDir();
        var policy = dir.Write("deny-egress.yaml", DenyAllEgress);
        string[] args = ["lint", "-m", CliRun.Guestbook, "-m", policy, "-o", "json"];

        var atError = CliRun.InProcess(args);
        Assert.Equal(ExitCodes.Ok, atError.ExitCode);
        using var doc = JsonDocument.Parse(atError.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToArray();
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "warning" &&
                                       f.GetProperty("objects").EnumerateArray().Any(o => o.GetProperty("name").GetString() == "deny-egress"));
        Assert.DoesNotContain(findings, f => f.GetProperty("severity").GetString() == "error");
        Assert.False(doc.RootElement.GetProperty("failed").GetBoolean());

        var atWarning = CliRun.InProcess([.. args, "--fail-on", "warning"]);
        Assert.Equal(ExitCodes.Findings, atWarning.ExitCode);
    }

    [Fact]
    public void Lint_Table_ListsCodesAndTheVerdictLine()
    {
        using var dir = new TempDir();
        var policy = dir.Write("deny-egress.yaml", DenyAllEgress);
        var run = CliRun.InProcess("lint", "-m", CliRun.Guestbook, "-m", policy, "--fail-on", "warning");
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Contains("NetworkPolicy default/deny-egress", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\d+ finding\(s\): 0 error, [1-9]\d* warning, \d+ info; fail on warning: FAILED\r?$", run.Stdout);
    }

    [Fact]
    public void Lint_BadFailOn_IsAUsageError()
    {
        var run = CliRun.InProcess("lint", "-m", CliRun.Guestbook, "--fail-on", "info");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--fail-on: 'info' is not supported (expected one of: warning, error)", run.Stderr, StringComparison.Ordinal);
    }
}
