using System.Text;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Tests.Manifests;

/// <summary>Hostile manifests cost bounded stack and memory, lenient or strict; strictness is opt-in.</summary>
public sealed class ManifestLoaderLimitsTests
{
    private const string Deny = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny
          namespace: default
        spec:
          podSelector: {}

        """;

    private const string Policy = Deny + "  podSelecter: {}\n";

    private static readonly ManifestLoadOptions Strict = new() { Strict = true };

    [Fact]
    public void LoadText_UnknownPolicyFieldWhenLenient_LoadedWithAWarningAtTheKey()
    {
        var result = ManifestLoader.LoadText(Policy, "p.yaml");

        Assert.Single(result.Snapshot.NetworkPolicies);
        var warning = Assert.Single(result.Diagnostics, d => d.Severity >= ManifestSeverity.Warning);
        Assert.Equal((ManifestSeverity.Warning, 8, 3), (warning.Severity, warning.Line, warning.Column));
        Assert.Contains("unknown field \"spec.podSelecter\" is ignored, as the API server drops it", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownPodFieldWhenLenient_LoadedWithoutDiagnostic()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  someNewField: true\n  containers: []\n", "p.yaml");

        Assert.Single(result.Snapshot.Pods);
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity >= ManifestSeverity.Warning);
    }

    [Theory]
    [InlineData("policy.networking.k8s.io/v1alpha1", "AdminNetworkPolicy", "  priority: 5\n  tier: Admin\n", "protocols:\n    - tcp: {destinationPort: {number: 80}}", "spec.tier|spec.ingress[0].protocols")]
    [InlineData("policy.networking.k8s.io/v1alpha1", "BaselineAdminNetworkPolicy", "  priority: 5\n", "ports:\n    - portNumber: {protocol: TCP, port: 80}", "spec.priority")]
    [InlineData("policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", "  priority: 5\n  tier: Admin\n", "ports:\n    - portNumber: {protocol: TCP, port: 80}", "spec.ingress[0].ports")]
    public void LoadText_AdminFieldOfTheOtherVersion_WarnedAsUnknown(string apiVersion, string kind, string head, string ports, string expected)
    {
        var name = kind == "BaselineAdminNetworkPolicy" ? "default" : "a";
        var text = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{head}  subject:\n    namespaces: {{}}\n" +
            $"  ingress:\n  - action: Deny\n    from:\n    - namespaces: {{}}\n    {ports}\n";

        var lenient = ManifestLoader.LoadText(text, "a.yaml");
        var strict = ManifestLoader.LoadText(text, "a.yaml", Strict);

        Assert.Equal(expected.Split('|'), lenient.Diagnostics.Where(d => d.Severity == ManifestSeverity.Warning).Select(d => d.Message.Split('"')[1]));
        Assert.Single(lenient.Snapshot.AdminPolicies);
        Assert.Equal(expected.Split('|'), strict.Diagnostics.Where(d => d.Severity == ManifestSeverity.Error).Select(d => d.Message.Split('"')[1]));
        Assert.Empty(strict.Snapshot.AdminPolicies);
    }

    [Fact]
    public void LoadText_UnknownFieldWhenStrict_ErrorAtTheKeyAndNothingLoaded()
    {
        var result = ManifestLoader.LoadText(Policy, "p.yaml", Strict);

        Assert.Empty(result.Snapshot.NetworkPolicies);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal("p.yaml:8:3: error: NetworkPolicy deny: unknown field \"spec.podSelecter\"", error.ToString());
    }

    [Fact]
    public void LoadText_DuplicateKeyWhenLenient_WarningAndTheLastValueWins()
    {
        var result = ManifestLoader.LoadText(Deny + "  podSelector: {matchLabels: {a: b}}\n", "p.yaml");

        var warning = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Warning);
        Assert.Equal("duplicate key 'podSelector': the last value is used", warning.Message);
        Assert.False(Assert.Single(result.Snapshot.NetworkPolicies).Value.PodSelector.IsEmpty);
    }

    [Fact]
    public void LoadText_UnknownKindWhenStrict_Error()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n", "g.yaml", Strict);

        Assert.Equal("g.yaml:2:7: error: unknown kind Gadget (v1)", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void LoadText_NamespaceOtherThanEnforced_ErrorLikeKubectl()
    {
        var result = ManifestLoader.LoadText(Deny, "p.yaml",
            new ManifestLoadOptions { DefaultNamespace = "team-doc", EnforceNamespace = true });

        Assert.Empty(result.Snapshot.NetworkPolicies);
        Assert.Equal("p.yaml:5:3: error: NetworkPolicy deny: the namespace from the provided object \"default\" does not match the namespace \"team-doc\"",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    [InlineData("json")]
    public void LoadText_100kDeepNestingWhenLenient_ErrorInsteadOfStackOverflow(string style)
    {
        var text = style switch
        {
            "flow" => "items: " + new string('[', 100_000) + new string(']', 100_000),
            "block" => string.Concat(Enumerable.Repeat("- ", 100_000)) + "x",
            _ => new string('[', 100_000) + new string(']', 100_000),
        };

        var result = ManifestLoader.LoadText(text, style == "json" ? "deep.json" : "deep.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Contains("depth", error.Message.Replace("nesting deeper than 64 levels", "depth", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void LoadText_AliasBombWhenLenient_ErrorAtTheBudget()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
            yaml.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");

        var result = ManifestLoader.LoadText(yaml.ToString(), "bomb.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Contains("would copy more than 1,000,000 nodes", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void LoadText_InfiniteNumber_ErrorInsteadOfException()
    {
        var result = ManifestLoader.LoadText(Deny + "  ingress:\n  - ports:\n    - port: 1e400\n", "p.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == ManifestSeverity.Error);
        Assert.Equal("invalid YAML: the number 1e400 is out of range", error.Message);
        Assert.Equal(10, error.Line);
    }
}
