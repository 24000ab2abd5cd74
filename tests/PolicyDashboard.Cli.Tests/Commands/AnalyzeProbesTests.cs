using System.Text.Json;

namespace PolicyDashboard.Cli.Tests.Commands;

/// <summary>
/// analyze --probes on the Guestbook of the Calico how-to: allow-redis admits only pods labelled k8s-app: guestbook
/// (the frontends) to the role: db pods (redis master and slaves), on every port; nothing isolates anyone else.
/// </summary>
public sealed class AnalyzeProbesTests
{
    private static JsonElement[] RunProbes(out CliRun run, params string[] extra)
    {
        run = CliRun.InProcess(["analyze", "--manifests", CliRun.Guestbook, "--probes", CliRun.TestData("guestbook-probes.json"), "--output", "json", .. extra]);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("fast")]
    public void Probes_Guestbook_VerdictsFollowAllowRedis(string engine)
    {
        var results = RunProbes(out _, "--engine", engine);
        Assert.Equal(8, results.Length);

        // busybox (no k8s-app label) -> redis-master: egress open, ingress refused by allow-redis.
        Assert.False(results[0].GetProperty("allowed").GetBoolean());
        Assert.True(results[0].GetProperty("egressAllowed").GetBoolean());
        Assert.False(results[0].GetProperty("ingressAllowed").GetBoolean());
        Assert.Contains("allow-redis", results[0].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        // frontend -> redis-master: admitted by allow-redis.
        Assert.True(results[1].GetProperty("allowed").GetBoolean());
        Assert.Contains("allow-redis", results[1].GetProperty("explanation").GetString(), StringComparison.Ordinal);
        // The master's IP is the master.
        Assert.False(results[2].GetProperty("allowed").GetBoolean());
        Assert.Equal("default/redis-master-5b9f8c7d6-kq2lp", results[2].GetProperty("destination").GetString());
        // An address outside the cluster reaches the (unisolated) frontend, but no role: db pod.
        Assert.True(results[3].GetProperty("allowed").GetBoolean());
        Assert.False(results[4].GetProperty("allowed").GetBoolean());
        Assert.Equal("ip:203.0.113.7", results[4].GetProperty("source").GetString());
        // redis-master to its own IP: loopback, always allowed although allow-redis would refuse it.
        Assert.True(results[5].GetProperty("allowed").GetBoolean());
        Assert.True(results[5].GetProperty("loopback").GetBoolean());
        // allow-redis has no ports: the frontend (by IP) may reach a slave on any port and protocol.
        Assert.True(results[6].GetProperty("allowed").GetBoolean());
        Assert.Equal("UDP", results[6].GetProperty("protocol").GetString());
        // busybox -> frontend: nothing isolates the frontend.
        Assert.True(results[7].GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void Probes_Json_KeepsOrderAndEchoesEachProbe()
    {
        var results = RunProbes(out _);
        using var probes = JsonDocument.Parse(File.ReadAllText(CliRun.TestData("guestbook-probes.json")));
        var expected = probes.RootElement.EnumerateArray().ToArray();
        Assert.Equal(expected.Length, results.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(i, results[i].GetProperty("index").GetInt32());
            Assert.Equal(expected[i].GetProperty("from").GetString(), results[i].GetProperty("from").GetString());
            Assert.Equal(expected[i].GetProperty("to").GetString(), results[i].GetProperty("to").GetString());
            Assert.Equal(expected[i].GetProperty("port").GetInt32(), results[i].GetProperty("port").GetInt32());
            var protocol = expected[i].TryGetProperty("protocol", out var p) ? p.GetString() : "TCP";
            Assert.Equal(protocol, results[i].GetProperty("protocol").GetString());
            foreach (var member in new[] { "allowed", "ingressAllowed", "egressAllowed", "loopback" })
                Assert.True(results[i].GetProperty(member).ValueKind is JsonValueKind.True or JsonValueKind.False, member);
            Assert.False(string.IsNullOrWhiteSpace(results[i].GetProperty("explanation").GetString()));
        }
    }

    [Fact]
    public void Probes_BothEngines_GiveTheSameVerdicts()
    {
        var reference = RunProbes(out _, "--engine", "reference");
        var fast = RunProbes(out _, "--engine", "fast");
        string Key(JsonElement e) => $"{e.GetProperty("allowed")}/{e.GetProperty("egressAllowed")}/{e.GetProperty("ingressAllowed")}/{e.GetProperty("loopback")}";
        Assert.Equal(reference.Select(Key), fast.Select(Key));
    }

    [Fact]
    public void Probes_UnknownPod_ExitsTwoNamingThePod()
    {
        using var dir = new TempDir();
        var probes = dir.Write("probes.json", """
            [{"from": "default/busybox", "to": "default/frontend-6c6d6dfd4d-4hx2k", "port": 80},
             {"from": "default/busybox", "to": "default/redis-primary", "port": 6379}]
            """);
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", probes, "-o", "json");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("unknown pod 'default/redis-primary'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("probe [1]", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Probes_MissingProbesFile_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "policydash-missing", "probes.json");
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", missing);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
        run.AssertNoStackTrace();
    }

    [Fact]
    public void Probes_TableAndCsv_HaveOneRowPerProbe()
    {
        var table = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", CliRun.TestData("guestbook-probes.json"));
        Assert.Equal(ExitCodes.Ok, table.ExitCode);
        Assert.Contains("denied", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("allowed (loopback)", table.Stdout, StringComparison.Ordinal);

        var csv = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", CliRun.TestData("guestbook-probes.json"), "-o", "csv");
        var lines = csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 8, lines.Length);
        Assert.StartsWith("0,default/busybox,default/redis-master-5b9f8c7d6-kq2lp,6379,TCP,false,false,true,false,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Probes_PodWithPendingStatusAndNoIp_IsWarnedAndUnreachable()
    {
        using var dir = new TempDir();
        var pending = dir.Write("pending.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: pending, namespace: default, labels: {run: pending}}
            spec: {containers: [{name: c, image: i}]}
            status: {phase: Pending}
            """);
        var probes = dir.Write("probes.json", """[{"from": "default/busybox", "to": "default/pending", "port": 80}]""");
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "-m", pending, "--probes", probes, "-o", "json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("warning: 1 pod whose status has no IP", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("default/pending", run.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Stdout);
        var result = doc.RootElement[0];
        Assert.False(result.GetProperty("allowed").GetBoolean());
        Assert.Contains("no IP", result.GetProperty("unreachable").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Probes_SpecOnlyPod_IsReachableBySelectorsButNotByIpBlock()
    {
        using var dir = new TempDir();
        var manifests = dir.Write("cluster.yaml", """
            apiVersion: v1
            kind: Namespace
            metadata: {name: x, labels: {kubernetes.io/metadata.name: x}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: a, namespace: x, labels: {pod: a}}
            spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: b, namespace: x, labels: {pod: b}}
            spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: c, namespace: x, labels: {pod: c}}
            spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: to-a, namespace: x}
            spec:
              podSelector: {matchLabels: {pod: a}}
              ingress:
              - from: [{podSelector: {matchLabels: {pod: b}}}]
              - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
                ports: [{port: 81}]
            """);
        var probes = dir.Write("probes.json", """
            [{"from": "x/b", "to": "x/a", "port": 80},
             {"from": "x/c", "to": "x/a", "port": 80},
             {"from": "x/c", "to": "x/a", "port": 81},
             {"from": "x/a", "to": "x/c", "port": 80}]
            """);
        var run = CliRun.InProcess("analyze", "-m", manifests, "--probes", probes, "-o", "json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        Assert.Contains("note: 3 pods without status.podIP", run.Stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Stdout);
        bool Allowed(int i) => doc.RootElement[i].GetProperty("allowed").GetBoolean();
        Assert.True(Allowed(0));   // selected by the podSelector peer
        Assert.False(Allowed(1));  // not selected; a is isolated
        Assert.False(Allowed(2));  // an unknown address is never inside an ipBlock
        Assert.True(Allowed(3));   // c is not isolated
    }

    [Fact]
    public void Probes_NamedPort_ResolvesOnTheDestinationPod()
    {
        using var dir = new TempDir();
        var probes = dir.Write("probes.json", """
            [{"from": "default/busybox", "to": "default/frontend-6c6d6dfd4d-4hx2k", "port": "http"},
             {"from": "default/busybox", "to": "default/redis-slave-7d4c9b8f5-b6nqz", "port": "redis"}]
            """);
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", probes, "-o", "json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(80, doc.RootElement[0].GetProperty("port").GetInt32());
        Assert.True(doc.RootElement[0].GetProperty("allowed").GetBoolean());
        Assert.Equal(6379, doc.RootElement[1].GetProperty("port").GetInt32());
        Assert.False(doc.RootElement[1].GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public void Probes_UnknownPortName_ExitsTwoNamingIt()
    {
        using var dir = new TempDir();
        var probes = dir.Write("probes.json", """[{"from": "default/busybox", "to": "default/frontend-6c6d6dfd4d-4hx2k", "port": "http", "protocol": "UDP"}]""");
        var run = CliRun.InProcess("analyze", "-m", CliRun.Guestbook, "--probes", probes, "-o", "json");
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("'http' is not a UDP container port of default/frontend-6c6d6dfd4d-4hx2k", run.Stderr, StringComparison.Ordinal);
    }
}
