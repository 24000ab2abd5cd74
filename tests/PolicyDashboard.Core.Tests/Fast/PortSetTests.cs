using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Fast;

public sealed class PortSetTests
{
    private static readonly PortSet Web = PortSet.Range(Protocol.TCP, 8000, 8100);

    [Fact]
    public void Except_HoleInTheMiddle_SplitsTheRange() =>
        Assert.Equal("8000-8079/TCP, 8081-8100/TCP", Web.Except(PortSet.Single(Protocol.TCP, 8080)).ToString());

    [Fact]
    public void Union_AdjacentRanges_Merge() =>
        Assert.Equal("8000-8200/TCP", Web.Union(PortSet.Range(Protocol.TCP, 8101, 8200)).ToString());

    [Fact]
    public void Intersect_OtherProtocol_IsEmpty() =>
        Assert.True(Web.Intersect(PortSet.AllOf(Protocol.UDP)).IsEmpty);

    [Fact]
    public void Contains_RangeEndsAreInclusive()
    {
        Assert.True(Web.Contains(Protocol.TCP, 8000));
        Assert.True(Web.Contains(Protocol.TCP, 8100));
        Assert.False(Web.Contains(Protocol.TCP, 8101));
        Assert.False(Web.Contains(Protocol.UDP, 8050));
    }

    [Fact]
    public void Range_InvertedOrOutOfRange_IsEmptyOrClamped()
    {
        Assert.True(PortSet.Range(Protocol.TCP, 90, 80).IsEmpty);
        Assert.Equal("all/SCTP", PortSet.Range(Protocol.SCTP, 0, 70000).ToString());
    }

    [Fact]
    public void AllExceptOnePort_CountsEveryOtherPortOfEveryProtocol() =>
        Assert.Equal(3L * 65535 - 1, PortSet.All.Except(PortSet.Single(Protocol.UDP, 53)).Count);
}
