using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Tests.Policies;

public class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", false)]
    [InlineData("10.0.0.5/24", "10.0.0.0/24", true)]
    [InlineData("192.168.242.213/24", "192.168.242.0/24", true)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", false)]
    [InlineData("1.2.3.4/32", "1.2.3.4/32", false)]
    [InlineData("010.000.000.001/32", "10.0.0.1/32", false)]
    [InlineData("::/0", "::/0", false)]
    [InlineData("fd00::1:2/64", "fd00::/64", true)]
    [InlineData("2001:db8::/32", "2001:db8::/32", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1/128", false)]
    public void TryParse_Valid_NormalisesToContainingNetwork(string text, string normalised, bool hostBits)
    {
        Assert.True(Cidr.TryParse(text, out var cidr, out var hadHostBits));
        Assert.Equal(normalised, cidr.ToString());
        Assert.Equal(hostBits, hadHostBits);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("10.0.0.256/8")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("::/129")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("::ffff:10.0.0.0/104")]
    [InlineData("abc/8")]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.False(Cidr.TryParse(text, out _));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("0.0.0.0/0", "fd00::1", false)]
    [InlineData("::/0", "8.8.8.8", false)]
    [InlineData("::/0", "fd00::1", true)]
    [InlineData("fd00::/64", "fd00::ffff:1", true)]
    [InlineData("fd00::/64", "fd00:0:0:1::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    public void Contains_Address_KeepsFamiliesApart(string cidr, string ip, bool expected)
    {
        Assert.True(Cidr.TryParse(cidr, out var block));
        Assert.True(IpAddr.TryParse(ip, out var address));

        Assert.Equal(expected, block.Contains(address));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/8", false)]
    [InlineData("10.0.0.0/8", "11.0.0.0/16", false)]
    [InlineData("::/0", "10.0.0.0/8", false)]
    public void Contains_Block_IsSubsetTest(string outer, string inner, bool expected)
    {
        Assert.True(Cidr.TryParse(outer, out var a));
        Assert.True(Cidr.TryParse(inner, out var b));

        Assert.Equal(expected, a.Contains(b));
    }

    [Fact]
    public void FirstLast_CoverTheBlock()
    {
        Assert.True(Cidr.TryParse("10.1.2.0/24", out var c));
        Assert.True(IpAddr.TryParse("10.1.2.0", out var first));
        Assert.True(IpAddr.TryParse("10.1.2.255", out var last));

        Assert.Equal(first.Value, c.First);
        Assert.Equal(last.Value, c.Last);
    }
}
