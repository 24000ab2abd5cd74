using PolicyDashboard.Cli.Input;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Tests.Input;

public sealed class PortSpecTests
{
    [Theory]
    [InlineData("80", 80, Protocol.TCP)]
    [InlineData("80/TCP", 80, Protocol.TCP)]
    [InlineData("53/udp", 53, Protocol.UDP)]
    [InlineData("3868/SCTP", 3868, Protocol.SCTP)]
    [InlineData("1", 1, Protocol.TCP)]
    [InlineData("65535/TCP", 65535, Protocol.TCP)]
    public void TryParse_ValidSpec_ParsesPortAndProtocol(string text, int port, Protocol protocol)
    {
        Assert.True(PortSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(new PortSpec(port, protocol), spec);
    }

    [Theory]
    [InlineData("0", "out of range")]
    [InlineData("65536", "out of range")]
    [InlineData("-1", "not a port number")]
    [InlineData("http", "not a port number")]
    [InlineData("80/ICMP", "not a protocol")]
    [InlineData("", "not a port number")]
    public void TryParse_InvalidSpec_ExplainsWhy(string text, string expected)
    {
        Assert.False(PortSpec.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CompareTo_MixedProtocols_OrdersByProtocolThenPort()
    {
        PortSpec[] ports = [new(443, Protocol.TCP), new(53, Protocol.UDP), new(80, Protocol.TCP)];
        Assert.Equal([new(80, Protocol.TCP), new(443, Protocol.TCP), new(53, Protocol.UDP)], ports.Order());
    }
}
