namespace PolicyDashboard.Cli.Tests.Commands;

/// <summary>Bad manifests: a clear message on stderr, the documented exit code, never a stack trace.</summary>
public sealed class BadInputTests
{
    private const string AllowRedisWithBadCidr = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-redis
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          ingress:
            - from:
              - ipBlock:
                  cidr: 10.0.0.0/33
        """;

    private static string[] WithGuestbookPods(string extraFile) =>
        ["-m", CliRun.TestData("guestbook", "namespaces.yaml"), "-m", CliRun.TestData("guestbook", "pods.yaml"), "-m", extraFile];

    [Theory]
    [InlineData("analyze")]
    [InlineData("lint")]
    public void Manifests_MissingFile_ExitsTwoNamingIt(string command)
    {
        var missing = Path.Combine(Path.GetTempPath(), "policydash-missing", "cluster.yaml");
        var run = CliRun.InProcess(command, "--manifests", missing);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("no such file or directory", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Manifests_InvalidYaml_ReportsLineAndColumn()
    {
        using var dir = new TempDir();
        var file = dir.Write("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: [unclosed\n");
        var run = CliRun.InProcess("analyze", "-m", file);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        // file:line:column: error: …
        Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: error: ", run.Stderr);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Manifests_UnknownKind_IsWarnedAndSkipped()
    {
        using var dir = new TempDir();
        var file = dir.Write("extra.yaml", "apiVersion: example.com/v1\nkind: Frobnicator\nmetadata:\n  name: f\n  namespace: default\n");
        var run = CliRun.InProcess(["analyze", .. WithGuestbookPods(file), "-m", CliRun.TestData("guestbook", "allow-redis.yaml"), "-o", "summary"]);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("warning", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Frobnicator", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("\"allowedPairs\": 33", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("explain")]
    public void Manifests_InvalidPolicy_ExitsTwoWithFieldPath(string command)
    {
        using var dir = new TempDir();
        var file = dir.Write("allow-redis.yaml", AllowRedisWithBadCidr);
        string[] extra = command == "explain" ? ["--from", "default/busybox", "--to", "default/redis-master-5b9f8c7d6-kq2lp", "--port", "6379"] : [];
        var run = CliRun.InProcess([command, .. WithGuestbookPods(file), .. extra]);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("NetworkPolicy default/allow-redis", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.ingress[0].from[0].ipBlock.cidr", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 invalid policy", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Lint_InvalidPolicy_IsAnErrorFindingWithFieldPath()
    {
        using var dir = new TempDir();
        var file = dir.Write("allow-redis.yaml", AllowRedisWithBadCidr);
        var run = CliRun.InProcess(["lint", .. WithGuestbookPods(file)]);
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        Assert.Contains("spec.ingress[0].from[0].ipBlock.cidr", run.Stdout + run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Explain_UnknownPod_ExitsTwoNamingIt()
    {
        var run = CliRun.InProcess("explain", "-m", CliRun.Guestbook, "--from", "default/ghost", "--to", "default/busybox", "--port", "80");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("unknown pod 'default/ghost'", run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public async Task Process_InvalidYaml_ExitsTwoWithoutStackTrace()
    {
        using var dir = new TempDir();
        var file = dir.Write("broken.yaml", "kind: Pod\napiVersion: v1\nmetadata: [\n");
        var run = await CliRun.AsProcessAsync("analyze", "-m", file, "-o", "json");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(file, run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        run.AssertNoStackTrace();
    }
}
