using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Tests.Selectors;

/// <summary>Cases from k8s.io/apimachinery/pkg/labels selector_test.go (TestSelectorParse, TestSetSelectorParser).</summary>
public class SelectorParserTests
{
    [Theory]
    [InlineData("x=a,y=b,z=c")]
    [InlineData("")]
    [InlineData("x!=a,y=b")]
    [InlineData("x=")]
    [InlineData("x= ")]
    [InlineData("x=,z= ")]
    [InlineData("x= ,z= ")]
    [InlineData("!x")]
    [InlineData("x>1")]
    [InlineData("x>1,z<5")]
    public void Parse_GoodString_RoundTripsWithoutSpaces(string text)
    {
        var result = SelectorParser.Parse(text);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(text.Replace(" ", ""), LabelSelectorMatcher.CompileQuery(result.Selector).ToString());
    }

    [Theory]
    [InlineData("x=a||y=b")]
    [InlineData("x==a==b")]
    [InlineData("!x=a")]
    [InlineData("x<a")]
    [InlineData("x,,y")]
    [InlineData(",x,y")]
    [InlineData("x nott in (y)")]
    [InlineData("a in (xyz),")]
    [InlineData("a in (xyz)b notin ()")]
    [InlineData("a in (xyz abc)")]
    [InlineData("a notin(")]
    [InlineData("a (")]
    [InlineData("(")]
    [InlineData("x=a b")]
    [InlineData("-bad-key=1")]
    [InlineData("x=bad value!")]
    [InlineData("x in (ok,-bad)")]
    [InlineData("z<-1")]
    public void Parse_BadString_ReturnsErrorWithoutThrowing(string text)
    {
        var result = SelectorParser.Parse(text);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Selector);
        Assert.NotNull(result.Error);
        Assert.InRange(result.Error.Position, 0, text.Length);
    }

    [Theory]
    [InlineData("\rx", "x")]
    [InlineData("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash")]
    [InlineData("this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)")]
    [InlineData("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)")]
    [InlineData("foo  in\t (abc)", "foo=abc")]
    [InlineData("x notin\n (abc)", "x!=abc")]
    [InlineData("x  notin\t\t(abc,def)", "x notin (abc,def)")]
    [InlineData("x in (abc,def)", "x in (abc,def)")]
    [InlineData("x in (abc,)", "x in (,abc)")]
    [InlineData("x in (abc,abc)", "x=abc")]
    [InlineData("x in ()", "x=")]
    [InlineData("x in (a,,)", "x in (,a)")]
    [InlineData("x in (a,,,,,,)", "x in (,a)")]
    [InlineData("x in (a,,a,,a,,a,,)", "x in (,a)")]
    [InlineData("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z=")]
    [InlineData("x,y in (a)", "x,y=a")]
    [InlineData("x=a", "x=a")]
    [InlineData("x==a", "x=a")]
    [InlineData("x<7", "x<7")]
    [InlineData("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)")]
    [InlineData("x notin ( )", "x!=")]
    [InlineData("x notin (, a)", "x notin (,a)")]
    [InlineData("a ", "a")]
    [InlineData("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)")]
    [InlineData("notin=in", "notin=in")]
    public void Parse_SetSelector_YieldsRequirements(string text, string canonical)
    {
        var result = SelectorParser.Parse(text);

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(canonical, LabelSelectorMatcher.CompileQuery(result.Selector).ToString());
    }

    [Fact]
    public void Parse_Equality_GoesToMatchLabels()
    {
        var result = SelectorParser.Parse("app=web,tier!=db");

        Assert.True(result.IsSuccess);
        Assert.Equal(Labels.Of(("app", "web")), result.Selector!.MatchLabels);
        var expr = Assert.Single(result.Selector.MatchExpressions);
        Assert.Equal(new LabelSelectorRequirement("tier", "NotIn", ["db"]), expr);
    }

    [Fact]
    public void Parse_RepeatedEqualityKey_KeepsBothRequirements()
    {
        var result = SelectorParser.Parse("x=a,x=b");

        Assert.True(result.IsSuccess);
        var compiled = LabelSelectorMatcher.Compile(result.Selector);
        Assert.False(compiled.Matches(SelectorTestData.Set("x=a")));
        Assert.False(compiled.Matches(SelectorTestData.Set("x=b")));
    }

    [Fact]
    public void Parse_DeterministicOrder_SameCanonicalForm()
    {
        var a = LabelSelectorMatcher.Compile(SelectorParser.Parse("x=a,a=x").Selector);
        var b = LabelSelectorMatcher.Compile(SelectorParser.Parse("a=x,x=a").Selector);

        Assert.Equal(a.ToString(), b.ToString());
    }

    [Theory]
    [InlineData("x==a==b", 4, "'=='")]
    [InlineData("app=web,,tier", 8, "','")]
    [InlineData("a in (xyz abc)", 10, "'abc'")]
    [InlineData("a notin(", 8, "end of string")]
    [InlineData("x in (a", 7, "end of string")]
    [InlineData("!x=a", 2, "'='")]
    public void Parse_BadString_ReportsPositionAndFoundToken(string text, int position, string found)
    {
        var error = SelectorParser.Parse(text).Error;

        Assert.NotNull(error);
        Assert.Equal(position, error.Position);
        Assert.Contains("found " + found, error.Message);
    }

    [Fact]
    public void Parse_InvalidKey_NamesTheKey()
    {
        var error = SelectorParser.Parse("app=web,-x=1").Error;

        Assert.NotNull(error);
        Assert.Equal(8, error.Position);
        Assert.Contains("invalid label key \"-x\"", error.Message);
    }

    [Fact]
    public void Parse_TooLongValue_Fails()
    {
        var error = SelectorParser.Parse("x=" + new string('a', 64)).Error;

        Assert.NotNull(error);
        Assert.Equal(2, error.Position);
    }

    [Fact]
    public void Parse_Null_IsEverything()
    {
        var result = SelectorParser.Parse(null);

        Assert.True(result.IsSuccess);
        Assert.True(LabelSelectorMatcher.Compile(result.Selector).MatchesEverything);
    }
}
