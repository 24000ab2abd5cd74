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

    // Ingress allowed within the namespace, on "prots" instead of ports: every port, and no lint finding about it.
    private const string MisspeltPorts = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: a, labels: {app: x}}
        spec: {containers: [{name: c, ports: [{containerPort: 80}]}]}
        status: {podIP: 10.0.0.1}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: within, namespace: a}
        spec:
          podSelector: {}
          ingress:
          - from:
            - podSelector: {}
            prots:
            - port: 80
        """;

    [Fact]
    public void Lint_UnknownFieldOfAPolicy_WarnedAtItsLineAndFailsAtWarning()
    {
        using var dir = new TempDir();
        var file = dir.Write("within.yaml", MisspeltPorts);

        var atError = CliRun.InProcess("lint", "-m", file, "-o", "json");
        var atWarning = CliRun.InProcess("lint", "-m", file, "-o", "json", "--fail-on", "warning");

        Assert.Equal(ExitCodes.Ok, atError.ExitCode);
        Assert.Contains("within.yaml:15:5: warning: NetworkPolicy within: unknown field \"spec.ingress[0].prots\" is ignored", atError.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(atWarning.Stdout);
        Assert.Empty(doc.RootElement.GetProperty("findings").EnumerateArray());
        Assert.True(doc.RootElement.GetProperty("failed").GetBoolean());
        Assert.Equal(ExitCodes.Findings, atWarning.ExitCode);
    }

    [Fact]
    public void Lint_BadFailOn_IsAUsageError()
    {
        var run = CliRun.InProcess("lint", "-m", CliRun.Guestbook, "--fail-on", "info");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("--fail-on: 'info' is not supported (expected one of: warning, error)", run.Stderr, StringComparison.Ordinal);
    }
}
