using PolicyDashboard.Web.Inventory;

namespace PolicyDashboard.Web.Tests.Components.Inventory;

public sealed class NaturalStringComparerTests
{
    [Theory]
    [InlineData("web-9", "web-10")]
    [InlineData("web-1", "web-01")] // equal value: fewer leading zeros first
    [InlineData("a", "B")]          // case-insensitive first
    [InlineData("B", "b")]          // then ordinal as the tie-break
    [InlineData("node", "node-1")]
    [InlineData("pod-99999999999999999999998", "pod-99999999999999999999999")] // longer than any integer type
    public void Compare_OrdersFirstBeforeSecond(string first, string second)
    {
        Assert.True(NaturalStringComparer.Instance.Compare(first, second) < 0);
        Assert.True(NaturalStringComparer.Instance.Compare(second, first) > 0);
    }

    [Fact]
    public void Compare_SameString_IsZero() => Assert.Equal(0, NaturalStringComparer.Instance.Compare("redis-2", "redis-2"));

    [Fact]
    public void Sort_MixedNames_ReadsNaturally()
    {
        var names = new List<string> { "frontend-10", "frontend-2", "api", "frontend-1" };
        names.Sort(NaturalStringComparer.Instance);
        Assert.Equal(["api", "frontend-1", "frontend-2", "frontend-10"], names);
    }
}

public sealed class NaturalKeyTests
{
    [Theory]
    [InlineData("web-9", "web-10")]
    [InlineData("web-10", "web-100")]
    [InlineData("api-1", "web-1")]
    [InlineData("Api", "b")]
    [InlineData("node", "node-1")]
    [InlineData("frontend-1948fb2199-2jpfw", "frontend-1948fb2199-5dxcz")]
    [InlineData("a9", "aa")]
    public void Of_OrdinalOrderOfKeys_IsNaturalOrder(string first, string second)
    {
        Assert.True(string.CompareOrdinal(NaturalKey.Of(first), NaturalKey.Of(second)) < 0);
        Assert.True(NaturalStringComparer.Instance.Compare(first, second) < 0); // both orders agree
    }

    [Fact]
    public void Of_LeadingZerosAndCase_DoNotMatter() =>
        Assert.Equal(NaturalKey.Of("Web-007"), NaturalKey.Of("web-7"));
}
