using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyDashboard.Cli.Tests.Commands;

public sealed class AnalyzeMatrixTests
{
    // Namespace x: a and b serve 80/TCP, c serves 53/UDP. Policy only-a-dns selects c and allows ingress from a on 53/UDP.
    private const string Tiny = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: x, labels: {kubernetes.io/metadata.name: x}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: a, namespace: x, labels: {app: a}}
        spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
        status: {podIP: 10.1.0.1, podIPs: [{ip: 10.1.0.1}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b, namespace: x, labels: {app: b}}
        spec: {containers: [{name: c, image: i, ports: [{containerPort: 80, protocol: TCP}]}]}
        status: {podIP: 10.1.0.2, podIPs: [{ip: 10.1.0.2}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: c, namespace: x, labels: {app: c}}
        spec: {containers: [{name: c, image: i, ports: [{containerPort: 53, protocol: UDP}]}]}
        status: {podIP: 10.1.0.3, podIPs: [{ip: 10.1.0.3}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: only-a-dns, namespace: x}
        spec:
          podSelector: {matchLabels: {app: c}}
          ingress:
            - from: [{podSelector: {matchLabels: {app: a}}}]
              ports: [{port: 53, protocol: UDP}]
        """;

    private static JsonElement Summary(string path, params string[] extra)
    {
        var run = CliRun.InProcess(["analyze", "-m", path, "-o", "summary", .. extra]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.Clone();
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("reference")]
    public void Summary_TinyCluster_CountsAllowedOrderedPairsPerPort(string engine)
    {
        using var dir = new TempDir();
        var summary = Summary(dir.Write("tiny.yaml", Tiny), "--engine", engine);
        Assert.Equal(3, summary.GetProperty("pods").GetInt32());
        var ports = summary.GetProperty("ports").EnumerateArray()
            .ToDictionary(p => $"{p.GetProperty("port").GetInt32()}/{p.GetProperty("protocol").GetString()}");
        // The ports pods serve (80/TCP, 53/UDP) and the policy's 53/UDP: two distinct ports.
        Assert.Equal(["80/TCP", "53/UDP"], ports.Keys);
        // 6 ordered pairs of distinct pods. On 80/TCP c is isolated and admits nothing: a->c and b->c denied.
        Assert.Equal(3, ports["80/TCP"].GetProperty("pods").GetInt32());
        Assert.Equal(2, ports["80/TCP"].GetProperty("servingPods").GetInt32());
        Assert.Equal(4, ports["80/TCP"].GetProperty("allowedPairs").GetInt64());
        // On 53/UDP only b->c is denied.
        Assert.Equal(1, ports["53/UDP"].GetProperty("servingPods").GetInt32());
        Assert.Equal(5, ports["53/UDP"].GetProperty("allowedPairs").GetInt64());
    }

    [Fact]
    public void Summary_Guestbook_NineDeniedPairsPerPort()
    {
        // 7 pods, 42 ordered pairs. The 3 role: db pods admit only the 3 frontends: each refuses its 3 other peers
        // (busybox and the two other redis pods), on every port since allow-redis names none.
        var summary = Summary(CliRun.Guestbook);
        var ports = summary.GetProperty("ports").EnumerateArray().ToArray();
        Assert.Equal(["80/TCP", "6379/TCP"], ports.Select(p => $"{p.GetProperty("port").GetInt32()}/{p.GetProperty("protocol").GetString()}"));
        Assert.All(ports, p =>
        {
            Assert.Equal(7, p.GetProperty("pods").GetInt32());
            Assert.Equal(42, p.GetProperty("totalPairs").GetInt64());
            Assert.Equal(33, p.GetProperty("allowedPairs").GetInt64());
        });
    }

    [Fact]
    public void Summary_ExplicitPorts_CoverOnlyThose()
    {
        var summary = Summary(CliRun.Guestbook, "--port", "8080", "--port", "53/UDP,6379/tcp");
        var ports = summary.GetProperty("ports").EnumerateArray()
            .Select(p => $"{p.GetProperty("port").GetInt32()}/{p.GetProperty("protocol").GetString()}");
        Assert.Equal(["6379/TCP", "8080/TCP", "53/UDP"], ports);
    }

    [Fact]
    public void Json_Guestbook_BusyboxToRedisDeniedFrontendAllowed()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--port", "6379", "-o", "json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var pairs = doc.RootElement.GetProperty("ports")[0].GetProperty("pairs").EnumerateArray()
            .ToDictionary(p => (p.GetProperty("from").GetString(), p.GetProperty("to").GetString()), p => p.GetProperty("allowed").GetBoolean());
        Assert.Equal(42, pairs.Count);
        Assert.False(pairs[("default/busybox", "default/redis-master-5b9f8c7d6-kq2lp")]);
        Assert.True(pairs[("default/frontend-6c6d6dfd4d-4hx2k", "default/redis-master-5b9f8c7d6-kq2lp")]);
        Assert.True(pairs[("default/busybox", "default/frontend-6c6d6dfd4d-4hx2k")]);
    }

    [Fact]
    public void Table_Guestbook_GroupsByWorkload()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--port", "6379/TCP");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var rows = run.Stdout.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToArray();
        Assert.Contains("6379/TCP: 33 of 42 ordered pod pairs allowed (7 pods, 3 serving)", rows);
        Assert.Contains("default/Deployment/frontend default/Deployment/redis-master all 3/3", rows);
        Assert.Contains("default/Pod/busybox default/Deployment/redis-master none 0/1", rows);
        Assert.Contains("default/Deployment/redis-slave default/Deployment/redis-slave none 0/2", rows);
    }

    [Fact]
    public void Csv_Guestbook_OneRowPerPair()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--port", "80", "-o", "csv");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(1 + 42, lines.Length);
        Assert.Contains("80,TCP,default/busybox,default/redis-slave-7d4c9b8f5-b6nqz,false,false,true,false", lines);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("reference")]
    public void Timings_PrintsLoadCompileComputePhases(string engine)
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "-o", "summary", "--timings", "--engine", engine);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var phases = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Regex.Match(l.TrimEnd('\r'), @"^timing (\w+) (\d+) ms$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToArray();
        Assert.Contains("load", phases);
        Assert.Contains("compile", phases);
        Assert.Contains("compute", phases);
        Assert.True(Array.IndexOf(phases, "load") < Array.IndexOf(phases, "compile"));
        Assert.True(Array.IndexOf(phases, "compile") < Array.IndexOf(phases, "compute"));
        // The timings go to stderr only: stdout is still one JSON document.
        using var _ = JsonDocument.Parse(run.Stdout);
    }

    [Fact]
    public void Timings_Absent_PrintsNoTimingLines()
    {
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "-o", "summary");
        Assert.DoesNotContain("timing ", run.Stderr, StringComparison.Ordinal);
    }
}
