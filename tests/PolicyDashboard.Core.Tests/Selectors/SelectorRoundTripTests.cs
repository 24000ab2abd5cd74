using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Tests.Selectors;

/// <summary>
/// Property: the kubectl text of any valid selector parses back to a selector that matches exactly the same label
/// sets. Deterministic pseudo-random cases (fixed seed) over a small alphabet so that keys and values collide often.
/// </summary>
public class SelectorRoundTripTests
{
    private static readonly string[] Keys = ["app", "tier", "env", "example.com/team", "x"];
    private static readonly string[] Values = ["", "a", "b", "web", "db", "in", "notin"];
    private static readonly string[] Operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    [Fact]
    public void FormatThenParse_RandomSelectors_MatchSameLabelSets()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 2000; i++)
        {
            var selector = RandomSelector(random);
            var compiled = LabelSelectorMatcher.Compile(selector);
            Assert.True(compiled.IsValid, string.Join("; ", compiled.Issues));
            var text = compiled.ToString();

            var parsed = SelectorParser.Parse(text);

            Assert.True(parsed.IsSuccess, $"{text}: {parsed.Error}");
            var reparsed = LabelSelectorMatcher.Compile(parsed.Selector);
            Assert.Equal(text, reparsed.ToString());
            for (var j = 0; j < 20; j++)
            {
                var labels = RandomLabels(random);
                Assert.True(compiled.Matches(labels) == reparsed.Matches(labels), $"{text} on {labels}");
            }
        }
    }

    private static LabelSelector RandomSelector(Random random)
    {
        var matchLabels = new Dictionary<string, string>();
        for (var n = random.Next(3); n > 0; n--) matchLabels[Pick(random, Keys)] = Pick(random, Values);
        var expressions = ImmutableArray.CreateBuilder<LabelSelectorRequirement>();
        for (var n = random.Next(4); n > 0; n--)
        {
            var op = Pick(random, Operators);
            var values = op is "In" or "NotIn"
                ? Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, Values)).ToImmutableArray()
                : ImmutableArray<string>.Empty;
            expressions.Add(new LabelSelectorRequirement(Pick(random, Keys), op, values));
        }
        return new LabelSelector(Labels.From(matchLabels), expressions.ToImmutable());
    }

    private static Labels RandomLabels(Random random)
    {
        var labels = new Dictionary<string, string>();
        foreach (var key in Keys)
            if (random.Next(3) > 0) labels[key] = Pick(random, Values);
        return Labels.From(labels);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
