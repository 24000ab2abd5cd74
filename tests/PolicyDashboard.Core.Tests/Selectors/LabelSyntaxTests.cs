using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Tests.Selectors;

/// <summary>Label key/value syntax cases from apimachinery's validation tests (IsQualifiedName, IsValidLabelValue).</summary>
public class LabelSyntaxTests
{
    [Theory]
    [InlineData("simple", true)]
    [InlineData("now-with-dashes", true)]
    [InlineData("1-starts-with-num", true)]
    [InlineData("1234", true)]
    [InlineData("simple/simple", true)]
    [InlineData("now-with-dashes/simple", true)]
    [InlineData("now-with-dashes/now-with-dashes", true)]
    [InlineData("now.with.dots/simple", true)]
    [InlineData("now-with.dashes-and.dots/simple", true)]
    [InlineData("1-num.2-num/3-num", true)]
    [InlineData("UPPERCASE_name", true)]
    [InlineData("", false)]
    [InlineData("/simple", false)]
    [InlineData("simple/", false)]
    [InlineData("a/b/c", false)]
    [InlineData("nospecialchars%^=@", false)]
    [InlineData("Tama-nui-te-rā.Nui/x", false)]
    [InlineData("UPPER.example.com/x", false)]
    [InlineData("-starts-with-dash", false)]
    [InlineData("ends-with-dash-", false)]
    [InlineData("_starts_with_underscore", false)]
    public void CheckKey_Examples_AsApimachinery(string key, bool valid)
    {
        Assert.Equal(valid, LabelSyntax.IsValidKey(key));
    }

    [Fact]
    public void CheckKey_Lengths_NameAt63PrefixAt253()
    {
        Assert.True(LabelSyntax.IsValidKey(new string('a', 63)));
        Assert.False(LabelSyntax.IsValidKey(new string('a', 64)));
        var prefix = string.Join(".", Enumerable.Repeat(new string('b', 63), 4))[..253];
        Assert.True(LabelSyntax.IsValidKey(prefix + "/n"));
        Assert.False(LabelSyntax.IsValidKey(prefix + "b/n"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("simple", true)]
    [InlineData("now-with-dashes", true)]
    [InlineData("now_with_underscores", true)]
    [InlineData("1.2.3", true)]
    [InlineData("-dash-first", false)]
    [InlineData("dash-last-", false)]
    [InlineData("has space", false)]
    [InlineData("slash/inside", false)]
    public void CheckValue_Examples_AsApimachinery(string value, bool valid)
    {
        Assert.Equal(valid, LabelSyntax.IsValidValue(value));
    }

    [Fact]
    public void CheckValue_Length_63Max()
    {
        Assert.True(LabelSyntax.IsValidValue(new string('a', 63)));
        Assert.False(LabelSyntax.IsValidValue(new string('a', 64)));
    }
}
