using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;
using static PolicyDashboard.Core.Tests.Selectors.SelectorTestData;

namespace PolicyDashboard.Core.Tests.Selectors;

/// <summary>
/// Cases from k8s.io/apimachinery pkg/labels selector_test.go (TestSelectorMatches, TestSetMatches,
/// TestRequirementSelectorMatching) and pkg/apis/meta/v1 helpers_test.go (TestLabelSelectorAsSelector).
/// </summary>
public class LabelSelectorMatcherTests
{
    [Theory]
    [InlineData("", "x=y", true)]
    [InlineData("x=y", "x=y", true)]
    [InlineData("x=y,z=w", "x=y,z=w", true)]
    [InlineData("x!=y,z!=w", "x=z,z=a", true)]
    [InlineData("notin=in", "notin=in", true)]
    [InlineData("x", "x=z", true)]
    [InlineData("!x", "y=z", true)]
    [InlineData("x>1", "x=2", true)]
    [InlineData("x<1", "x=0", true)]
    [InlineData("x=z", "", false)]
    [InlineData("x=y", "x=z", false)]
    [InlineData("x=y,z=w", "x=w,z=w", false)]
    [InlineData("x!=y,z!=w", "x=z,z=w", false)]
    [InlineData("x", "y=z", false)]
    [InlineData("!x", "x=z", false)]
    [InlineData("x>1", "x=0", false)]
    [InlineData("x<1", "x=2", false)]
    [InlineData("foo=bar", "foo=bar,baz=blah", true)]
    [InlineData("baz=blah", "foo=bar,baz=blah", true)]
    [InlineData("foo=bar,baz=blah", "foo=bar,baz=blah", true)]
    [InlineData("foo=blah", "foo=bar,baz=blah", false)]
    [InlineData("baz=bar", "foo=bar,baz=blah", false)]
    [InlineData("foo=bar,foobar=bar,baz=blah", "foo=bar,baz=blah", false)]
    [InlineData("x in (foo),y notin (alpha)", "x=foo,y=baz", true)]
    [InlineData("x in (foo),y in (alpha)", "x=foo,y=baz", false)]
    [InlineData("x notin (),y", "y=", true)]
    [InlineData("!x,y", "y=", true)]
    [InlineData("x notin (),!y", "y=", false)]
    [InlineData("x in ()", "y=baz", false)]
    [InlineData("x in ()", "x=", true)]
    [InlineData("z>1", "z=2", true)]
    [InlineData("z>1", "z=v2", false)]
    public void Matches_StringSelector_AsApimachinery(string selector, string labels, bool expected)
    {
        var parsed = SelectorParser.Parse(selector);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());

        Assert.Equal(expected, LabelSelectorMatcher.CompileQuery(parsed.Selector).Matches(Set(labels)));
    }

    [Fact]
    public void Compile_Null_MatchesNothing()
    {
        var compiled = LabelSelectorMatcher.Compile(null);

        Assert.True(compiled.MatchesNothing);
        Assert.False(compiled.Matches(Labels.Empty));
        Assert.True(compiled.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a=b")]
    [InlineData("a=b,c=d,e=")]
    public void Compile_Empty_MatchesEverything(string labels)
    {
        var compiled = LabelSelectorMatcher.Compile(LabelSelector.Everything);

        Assert.True(compiled.MatchesEverything);
        Assert.True(compiled.Matches(Set(labels)));
    }

    private static readonly LabelSelectorRequirement BazInQuxNorf = new("baz", "In", ["qux", "norf"]);

    [Fact]
    public void Compile_MatchLabelsOnly_EqualsParsedString()
    {
        var compiled = LabelSelectorMatcher.Compile(LabelSelector.Of(("foo", "bar")));
        Assert.Equal("foo=bar", compiled.ToString());
    }

    [Fact]
    public void Compile_MatchExpressionsOnly_SortsValues()
    {
        var compiled = LabelSelectorMatcher.Compile(new LabelSelector(Labels.Empty, [BazInQuxNorf]));
        Assert.Equal("baz in (norf,qux)", compiled.ToString());
    }

    [Theory]
    [InlineData("foo=bar,baz=qux", true)]
    [InlineData("foo=bar,baz=norf", true)]
    [InlineData("foo=bar", false)]
    [InlineData("baz=qux", false)]
    [InlineData("foo=other,baz=qux", false)]
    public void Compile_MatchLabelsAndExpressions_AreAnded(string labels, bool expected)
    {
        var selector = new LabelSelector(Labels.Of(("foo", "bar")), [BazInQuxNorf]);
        var compiled = LabelSelectorMatcher.Compile(selector);

        Assert.Equal("baz in (norf,qux),foo=bar", compiled.ToString());
        Assert.Equal(expected, compiled.Matches(Set(labels)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("other=x", true)]
    [InlineData("env=dev", true)]
    [InlineData("env=prod", false)]
    [InlineData("env=", true)]
    public void NotIn_MissingKey_Matches(string labels, bool expected)
    {
        var compiled = LabelSelectorMatcher.Compile(new LabelSelector(Labels.Empty, [new("env", "NotIn", ["prod", "staging"])]));

        Assert.Equal(expected, compiled.Matches(Set(labels)));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("env=prod", false)]
    [InlineData("env=", false)]
    public void DoesNotExist_MissingKey_Matches(string labels, bool expected)
    {
        var compiled = LabelSelectorMatcher.Compile(new LabelSelector(Labels.Empty, [new("env", "DoesNotExist", [])]));

        Assert.Equal(expected, compiled.Matches(Set(labels)));
    }

    [Theory]
    [InlineData("Exists", new[] { "qux", "norf" }, "matchExpressions[0].values")]
    [InlineData("DoesNotExist", new[] { "x" }, "matchExpressions[0].values")]
    [InlineData("In", new string[0], "matchExpressions[0].values")]
    [InlineData("NotIn", new string[0], "matchExpressions[0].values")]
    [InlineData("in", new[] { "x" }, "matchExpressions[0].operator")]
    [InlineData("Gt", new[] { "1" }, "matchExpressions[0].operator")]
    [InlineData("unsupportedOp", new[] { "x" }, "matchExpressions[0].operator")]
    [InlineData("In", new[] { "a b" }, "matchExpressions[0].values[0]")]
    public void Compile_InvalidRequirement_MatchesNothingAndReportsField(string op, string[] values, string field)
    {
        var selector = new LabelSelector(Labels.Empty, [new("baz", op, [.. values])]);

        var compiled = LabelSelectorMatcher.Compile(selector);

        Assert.True(compiled.MatchesNothing);
        Assert.False(compiled.Matches(Set("baz=x")));
        Assert.False(compiled.Matches(Labels.Empty));
        Assert.Contains(compiled.Issues, i => i.Field == field);
        Assert.Equal(compiled.Issues, LabelSelectorMatcher.Validate(selector));
    }

    [Fact]
    public void Compile_InvalidMatchLabelsKey_MatchesNothingAndReportsKey()
    {
        var compiled = LabelSelectorMatcher.Compile(LabelSelector.Of(("a/b/c", "x")));

        Assert.True(compiled.MatchesNothing);
        Assert.Equal("matchLabels.a/b/c", Assert.Single(compiled.Issues).Field);
    }

    [Fact]
    public void CompileQuery_GtLt_AllowedOnlyInQueries()
    {
        var selector = new LabelSelector(Labels.Empty, [new("n", "Gt", ["3"])]);

        Assert.True(LabelSelectorMatcher.CompileQuery(selector).Matches(Set("n=4")));
        Assert.False(LabelSelectorMatcher.Compile(selector).Matches(Set("n=4")));
    }

    [Fact]
    public void Validate_ValidSelector_NoIssues()
    {
        var selector = new LabelSelector(Labels.Of(("app.kubernetes.io/name", "web")),
            [new("tier", "NotIn", ["db", ""]), new("example.com/x", "Exists", ImmutableArray<string>.Empty)]);

        Assert.Empty(LabelSelectorMatcher.Validate(selector));
    }

    [Fact]
    public void Keys_ListsReferencedKeysOnce()
    {
        var compiled = LabelSelectorMatcher.Compile(new LabelSelector(Labels.Of(("a", "1")), [new("a", "NotIn", ["2"]), new("b", "Exists", [])]));

        Assert.Equal(["a", "b"], compiled.Keys.ToArray());
    }
}
