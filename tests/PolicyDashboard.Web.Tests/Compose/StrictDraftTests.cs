using System.Text;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>Drafts are read strictly: every kind of bad input is refused with where it is and what is wrong.</summary>
public sealed class StrictDraftTests
{
    private static readonly ClusterSnapshot Cluster = Make.Snapshot(1,
        Make.Namespace("default"),
        Make.Pod("default", "redis-1", "role=db", "10.0.0.2"));

    private const string AllowRedis = SeedManifests.AllowRedis;

    private static DraftReport Analyze(string yaml, string? expectedNamespace = null) =>
        DraftAnalyzer.Analyze(yaml, Cluster, expectedNamespace, TestContext.Current.CancellationToken);

    private static DraftProblem Refused(DraftReport report)
    {
        Assert.False(report.CanApply);
        return Assert.Single(report.Problems);
    }

    [Fact]
    public void Analyze_TheSeed_IsAccepted()
    {
        var report = Analyze(AllowRedis, "default");

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
    }

    [Fact]
    public void Analyze_DuplicateKey_ProblemAtTheSecondKeyNamesTheFirst()
    {
        var problem = Refused(Analyze(AllowRedis.Replace("  name: allow-redis\n", "  name: allow-redis\n  name: allow-all\n", StringComparison.Ordinal)));

        Assert.Equal("duplicate key \"name\": already set at line 4, column 3", problem.Message);
        Assert.Equal((5, 3), (problem.Line, problem.Column));
    }

    [Fact]
    public void Analyze_DuplicateKeyInJson_Refused()
    {
        var problem = Refused(Analyze("""{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "kind": "NetworkPolicy", "metadata": {"name": "x"}, "spec": {"podSelector": {}}}"""));

        Assert.StartsWith("duplicate key \"kind\"", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Analyze_MisspelledPodSelector_UnknownFieldWithItsLine()
    {
        var problem = Refused(Analyze(AllowRedis.Replace("  podSelector:\n    matchLabels:", "  podSelecter:\n    matchLabels:", StringComparison.Ordinal)));

        Assert.Equal("NetworkPolicy allow-redis: unknown field \"spec.podSelecter\"", problem.Message);
        Assert.Equal(7, problem.Line);
    }

    [Fact]
    public void Analyze_UnknownFieldInAPeer_NamesTheWholePath()
    {
        var problem = Refused(Analyze(AllowRedis.Replace("    - podSelector:", "    - podSelectr:", StringComparison.Ordinal)));

        Assert.Contains("unknown field \"spec.ingress[0].from[0].podSelectr\"", problem.Message, StringComparison.Ordinal);
        Assert.Equal(12, problem.Line);
    }

    [Fact]
    public void Analyze_LabelKeysAndAnnotations_AreNotFields()
    {
        var report = Analyze(AllowRedis.Replace("  namespace: default\n", "  namespace: default\n  annotations:\n    anything.example.com/goes: x\n", StringComparison.Ordinal));

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
    }

    [Fact]
    public void Analyze_APod_RefusedNamingTheAcceptedKinds()
    {
        var problem = Refused(Analyze("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"));

        Assert.Equal("kind Pod (v1) is not accepted here: expected NetworkPolicy (networking.k8s.io/v1), AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), "
            + "BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2)", problem.Message);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void Analyze_OldApiVersion_RefusedNamingTheSupportedOne()
    {
        var problem = Refused(Analyze(AllowRedis.Replace("networking.k8s.io/v1", "extensions/v1beta1", StringComparison.Ordinal)));

        Assert.Equal("NetworkPolicy allow-redis: apiVersion extensions/v1beta1 is not supported (expected networking.k8s.io/v1)", problem.Message);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Analyze_OtherNamespaceThanTheComposers_RefusedAsKubectlDoes()
    {
        var problem = Refused(Analyze(AllowRedis, "team-doc"));

        Assert.Equal("NetworkPolicy allow-redis: the namespace from the provided object \"default\" does not match the namespace \"team-doc\"", problem.Message);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Analyze_NoNamespace_GetsTheComposersNamespace()
    {
        var report = Analyze(AllowRedis.Replace("  namespace: default\n", "", StringComparison.Ordinal), "team-doc");

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
        Assert.Equal("team-doc", Assert.Single(report.Policies).Namespace);
        Assert.Equal("team-doc", report.ExpectedNamespace);
    }

    [Fact]
    public void Analyze_AnchorSharingASelector_Accepted()
    {
        const string yaml = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: same-labels
            spec:
              podSelector: &db
                matchLabels:
                  role: db
              ingress:
              - from:
                - podSelector: *db
            """;

        var report = Analyze(yaml);

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
    }

    [Fact]
    public void Analyze_BillionLaughs_RefusedAtTheAliasThatExceedsTheBudget()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
            yaml.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");

        var problem = Refused(Analyze(yaml.ToString()));

        // Refused at the third level: the copying stopped after about a thousand nodes, not a billion.
        Assert.Contains("would copy more than 1,000 nodes", problem.Message, StringComparison.Ordinal);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void Analyze_100kDeepFlowNesting_RefusedAtLevel65()
    {
        var problem = Refused(Analyze(new string('[', 100_000) + new string(']', 100_000)));

        Assert.Equal("invalid YAML: nesting deeper than 64 levels is not accepted", problem.Message);
        Assert.Equal((1, 65), (problem.Line, problem.Column));
    }

    [Fact]
    public void Analyze_100kDeepBlockNesting_RefusedAtLevel65()
    {
        var problem = Refused(Analyze(string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n"));

        Assert.Equal("invalid YAML: nesting deeper than 64 levels is not accepted", problem.Message);
        Assert.Equal((1, 129), (problem.Line, problem.Column));
    }

    [Fact]
    public void Analyze_100kDeepIndentedMappings_RefusedAsTooLong()
    {
        // Indented block mappings need a line per level: 100k levels are gigabytes, refused by size before parsing.
        var text = new StringBuilder();
        for (var i = 0; i < 2_000; i++) text.Append(' ', i).Append("a:\n");

        var problem = Refused(Analyze(text.ToString()));

        Assert.Contains("at most", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_IndentedMappings65Deep_RefusedWithPosition()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 70; i++) text.Append(' ', i).Append("a:\n");

        var problem = Refused(Analyze(text.ToString()));

        Assert.Equal("invalid YAML: nesting deeper than 64 levels is not accepted", problem.Message);
        Assert.Equal(65, problem.Line);
    }

    [Theory]
    [InlineData('\0', "U+0000")]
    [InlineData('\x1B', "U+001B")]
    [InlineData('\x7F', "U+007F")]
    [InlineData('\x9B', "U+009B")]
    [InlineData('\uD800', "U+D800")]
    public void Analyze_CharacterYamlDoesNotAllow_RefusedWithLineAndColumn(char c, string code)
    {
        var problem = Refused(Analyze(AllowRedis.Replace("role: db", $"role: d{c}b", StringComparison.Ordinal)));

        Assert.Contains(code, problem.Message, StringComparison.Ordinal);
        Assert.Equal((9, 14), (problem.Line, problem.Column));
    }

    [Fact]
    public void Analyze_TabIndentation_RefusedWithLine()
    {
        var problem = Refused(Analyze(AllowRedis.Replace("\n  podSelector:", "\n\tpodSelector:", StringComparison.Ordinal)));

        Assert.Contains("tab", problem.Message, StringComparison.Ordinal);
        Assert.Equal(7, problem.Line);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("99999999999999999999999")]
    [InlineData("-1")]
    [InlineData("65536")]
    public void Analyze_PortOutOfRange_Refused(string port)
    {
        var report = Analyze(AllowRedis + "\n    ports:\n    - port: " + port + "\n");

        Assert.False(report.CanApply);
        Assert.All(report.Problems, p => Assert.True(p.Line is not null || p.Field is not null, p.ToString()));
    }

    [Fact]
    public void Analyze_InvalidCidr_ProblemNamesTheValueTheFieldAndItsLine()
    {
        var problem = Refused(Analyze(AllowRedis + "\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.0.0.0/33\n"));

        Assert.Equal("spec.egress[0].to[0].ipBlock.cidr", problem.Field);
        Assert.Equal("Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)", problem.Message);
        Assert.Equal((18, 9), (problem.Line, problem.Column));
    }

    [Fact]
    public void Analyze_OneBadDocumentAmongGoodOnes_NothingCanApply()
    {
        var report = Analyze(AllowRedis + "\n---\n" + AllowRedis.Replace("allow-redis", "second", StringComparison.Ordinal).Replace("role: db", "role: -db-", StringComparison.Ordinal));

        Assert.False(report.CanApply);
        Assert.Contains(report.Problems, p => p.Field == "spec.podSelector.matchLabels");
    }

    [Fact]
    public void AnalyzeBytes_InvalidUtf8_RefusedWithTheByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes(AllowRedis);
        var at = AllowRedis.IndexOf("db", StringComparison.Ordinal);
        bytes[at] = 0xC3; // a lead byte followed by 'b', not a continuation byte

        var problem = Refused(DraftAnalyzer.AnalyzeBytes(bytes, Cluster, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal($"the draft is not valid UTF-8: byte 0xC3 at byte offset {at}: it does not start or continue a valid sequence", problem.Message);
        Assert.Equal((9, 13), (problem.Line, problem.Column));
    }

    [Fact]
    public void AnalyzeBytes_WithByteOrderMark_Accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("# the cache: données\n" + AllowRedis)).ToArray();

        var report = DraftAnalyzer.AnalyzeBytes(bytes, Cluster, "default", TestContext.Current.CancellationToken);

        Assert.True(report.CanApply, string.Join("; ", report.Problems));
    }

    [Fact]
    public void AnalyzeBytes_TenMegabytes_RefusedBySizeBeforeDecoding()
    {
        var bytes = new byte[10 * 1024 * 1024];

        var problem = Refused(DraftAnalyzer.AnalyzeBytes(bytes, Cluster, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("the draft is 10,485,760 bytes; at most 1,572,864 are accepted", problem.Message);
    }
}
