using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Tests.Policies;

public class IpAddrTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", false)]
    [InlineData("255.255.255.255", "255.255.255.255", false)]
    [InlineData("010.001.000.001", "10.1.0.1", false)]
    [InlineData("fd00::1", "fd00::1", true)]
    [InlineData("FD00:0:0::1", "fd00::1", true)]
    [InlineData("::ffff:1.2.3.4", "1.2.3.4", false)]
    [InlineData("::", "::", true)]
    public void TryParse_Valid_RoundTrips(string text, string canonical, bool v6)
    {
        Assert.True(IpAddr.TryParse(text, out var ip));
        Assert.Equal(canonical, ip.ToString());
        Assert.Equal(v6, ip.IsV6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0.1.2")]
    [InlineData("10.0.0.-1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("host.example.com")]
    [InlineData("1:2:3")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.False(IpAddr.TryParse(text, out _));
    }
}
