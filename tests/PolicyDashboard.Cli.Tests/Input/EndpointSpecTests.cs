using System.Net;
using PolicyDashboard.Cli.Input;

namespace PolicyDashboard.Cli.Tests.Input;

public sealed class EndpointSpecTests
{
    [Fact]
    public void TryParse_NamespaceAndPod_GivesPodRef()
    {
        Assert.True(EndpointSpec.TryParse("default/busybox", out var spec, out _));
        Assert.Equal(new EndpointSpec.PodRef("default", "busybox"), spec);
    }

    [Theory]
    [InlineData("ip:10.0.2.1", "10.0.2.1")]
    [InlineData("ip:fd00::1", "fd00::1")]
    [InlineData("ip:2001:db8::a", "2001:db8::a")]
    public void TryParse_IpAddress_GivesIpRef(string text, string address)
    {
        Assert.True(EndpointSpec.TryParse(text, out var spec, out var error), error);
        Assert.Equal(IPAddress.Parse(address), Assert.IsType<EndpointSpec.IpRef>(spec).Address);
    }

    [Theory]
    [InlineData("busybox")]
    [InlineData("a/b/c")]
    [InlineData("/pod")]
    [InlineData("ns/")]
    [InlineData("ip:10.0.0")]
    [InlineData("ip:not-an-ip")]
    [InlineData("ip:")]
    public void TryParse_Malformed_IsRejectedWithTheExpectedForms(string text)
    {
        Assert.False(EndpointSpec.TryParse(text, out _, out var error));
        Assert.Contains("ip:ADDRESS", error, StringComparison.Ordinal);
    }
}
