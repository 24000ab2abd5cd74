using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Tests.Input;

public sealed class ProbeFileTests
{
    [Fact]
    public void Parse_ProtocolOmitted_DefaultsToTcp()
    {
        var probes = ProbeFile.Parse("""[{"from": "default/busybox", "to": "ip:10.0.2.1", "port": 6379}]""", "p.json");
        var probe = Assert.Single(probes);
        Assert.Equal(Protocol.TCP, probe.Protocol);
        Assert.Equal(6379, probe.Port);
        Assert.Equal(new EndpointSpec.PodRef("default", "busybox"), probe.From);
        Assert.Equal("ip:10.0.2.1", probe.ToText);
    }

    [Fact]
    public void Parse_SeveralProbes_KeepsFileOrderAndIndices()
    {
        var probes = ProbeFile.Parse("""
            [
              {"from": "a/x", "to": "b/y", "port": 80, "protocol": "TCP"},
              {"from": "b/y", "to": "a/x", "port": 53, "protocol": "UDP"},
              {"from": "c/z", "to": "a/x", "port": "8080", "protocol": "sctp"}
            ]
            """, "p.json");
        Assert.Equal([0, 1, 2], probes.Select(p => p.Index));
        Assert.Equal(["a/x", "b/y", "c/z"], probes.Select(p => p.FromText));
        Assert.Equal([Protocol.TCP, Protocol.UDP, Protocol.SCTP], probes.Select(p => p.Protocol));
        Assert.Equal([80, 53, 8080], probes.Select(p => p.Port));
    }

    [Fact]
    public void Parse_NamedPortAndWrappedArray_AreAccepted()
    {
        var probe = Assert.Single(ProbeFile.Parse("""{"probes": [{"from": "a/x", "to": "b/y", "port": "http"}]}""", "p.json"));
        Assert.Equal("http", probe.PortName);
        Assert.Equal(0, probe.Port);
    }

    [Theory]
    [InlineData("""{"from": "a/x"}""", "must be a JSON array")]
    [InlineData("""[{"from": "a/x", "to": "b/y", "port": "-1"}]""", "'-1' is not a port number")]
    [InlineData("""[{"to": "a/x", "port": 80}]""", "probe [0]: \"from\" is required")]
    [InlineData("""[{"from": "a/x", "to": "b/y", "port": 80}, {"from": "a/x", "to": "b/y"}]""", "probe [1]: \"port\" is required")]
    [InlineData("""[{"from": "a/x", "to": "b/y", "port": 0}]""", "port 0 is out of range")]
    [InlineData("""[{"from": "a/x", "to": "b/y", "port": 65536}]""", "port 65536 is out of range")]
    [InlineData("""[{"from": "a/x", "to": "b/y", "port": 80.5}]""", "\"port\" must be a number")]
    [InlineData("""[{"from": "a/x", "to": "b/y", "port": 80, "protocol": "ICMP"}]""", "'ICMP' is not a protocol")]
    [InlineData("""[{"from": "x", "to": "b/y", "port": 80}]""", "\"from\": 'x' is not an endpoint")]
    [InlineData("""[{"from": "a/x", "to": "ip:300.1.1.1", "port": 80}]""", "\"to\": 'ip:300.1.1.1' is not a valid IP endpoint")]
    public void Parse_BadProbe_NamesTheProbeAndTheProblem(string json, string expected)
    {
        var error = Assert.Throws<CliException>(() => ProbeFile.Parse(json, "p.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("p.json", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputError, error.ExitCode);
    }

    [Fact]
    public void Parse_InvalidJson_ReportsLineAndColumn()
    {
        var error = Assert.Throws<CliException>(() => ProbeFile.Parse("[\n  {\"from\": \"a/x\",\n   \"to\" \"b/y\"}\n]", "p.json"));
        Assert.StartsWith("p.json:3:", error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsAnInputError()
    {
        var path = Path.Combine(Path.GetTempPath(), "policydash-no-such-dir", "probes.json");
        var error = Assert.Throws<CliException>(() => ProbeFile.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputError, error.ExitCode);
    }
}
