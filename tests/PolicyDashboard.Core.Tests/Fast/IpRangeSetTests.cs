using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Fast;

public sealed class IpRangeSetTests
{
    private static IpAddr Ip(string text) => IpAddr.TryParse(text, out var ip) ? ip : throw new ArgumentException(text);
    private static Cidr Net(string text) => Cidr.TryParse(text, out var c) ? c : throw new ArgumentException(text);

    [Fact]
    public void IpBlockWithExcept_ExcludesOnlyTheExceptRange()
    {
        var block = IpRangeSet.Of(Net("10.0.0.0/16"), [Net("10.0.1.0/24")]);
        Assert.True(block.Contains(Ip("10.0.0.255")));
        Assert.False(block.Contains(Ip("10.0.1.0")));
        Assert.False(block.Contains(Ip("10.0.1.255")));
        Assert.True(block.Contains(Ip("10.0.2.0")));
        Assert.False(block.Contains(Ip("10.1.0.0")));
    }

    [Fact]
    public void V4AndV6_NeverContainEachOther()
    {
        var everything4 = IpRangeSet.Of(Net("0.0.0.0/0"));
        Assert.False(everything4.Contains(Ip("fd00::1")));
        Assert.True(IpRangeSet.Of(Net("::/0")).Contains(Ip("fd00::1")));
        Assert.False(IpRangeSet.Of(Net("::/0")).Contains(Ip("10.0.0.1")));
    }

    [Fact]
    public void Union_AdjacentBlocks_MergeIntoOneRange()
    {
        var set = IpRangeSet.Of([Net("10.0.0.0/25"), Net("10.0.0.128/25")]);
        Assert.Equal(1, set.Ranges.Length);
        Assert.True(set.Equals(IpRangeSet.Of(Net("10.0.0.0/24"))));
    }
}
