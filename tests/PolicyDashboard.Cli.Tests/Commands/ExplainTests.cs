using System.Text.Json;

namespace PolicyDashboard.Cli.Tests.Commands;

public sealed class ExplainTests
{
    private const string Master = "default/redis-master-5b9f8c7d6-kq2lp";

    [Fact]
    public void Explain_BusyboxToRedisMaster_DeniedAtIngressNamingAllowRedis()
    {
        var run = CliRun.InProcess("explain", "-m", CliRun.Guestbook, "--from", "default/busybox", "--to", Master, "--port", "6379");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var lines = run.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal($"default/busybox -> {Master} 6379/TCP: denied", lines[0]);
        Assert.Contains(lines, l => l.Trim() == "egress at default/busybox: allowed");
        Assert.Contains(lines, l => l.Trim() == $"ingress at {Master}: denied");
        Assert.Contains("default/allow-redis", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_FrontendToRedisMasterJson_AllowedByTheRule()
    {
        var run = CliRun.InProcess("explain", "-m", CliRun.Guestbook, "--from", "default/frontend-6c6d6dfd4d-9wq7m", "--to", "ip:10.0.2.1",
            "--port", "6379", "--protocol", "TCP", "-o", "json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var result = doc.RootElement;
        Assert.True(result.GetProperty("allowed").GetBoolean());
        Assert.Equal("ip:10.0.2.1", result.GetProperty("to").GetString());
        Assert.Equal(Master, result.GetProperty("destination").GetString());
        Assert.Contains("default/allow-redis ingress[0].from[0]", result.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_BothEngines_Agree()
    {
        string[] args = ["explain", "-m", CliRun.Guestbook, "--from", "default/redis-slave-7d4c9b8f5-b6nqz", "--to", Master, "--port", "6379", "-o", "json"];
        var reference = CliRun.InProcess([.. args, "--engine", "reference"]);
        var fast = CliRun.InProcess([.. args, "--engine", "fast"]);
        using var r = JsonDocument.Parse(reference.Stdout);
        using var f = JsonDocument.Parse(fast.Stdout);
        Assert.False(r.RootElement.GetProperty("allowed").GetBoolean());
        Assert.Equal(r.RootElement.GetProperty("allowed").GetBoolean(), f.RootElement.GetProperty("allowed").GetBoolean());
        Assert.Equal(r.RootElement.GetProperty("ingressAllowed").GetBoolean(), f.RootElement.GetProperty("ingressAllowed").GetBoolean());
    }
}
