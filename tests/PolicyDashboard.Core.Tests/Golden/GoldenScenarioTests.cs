using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Golden;

/// <summary>
/// Each folder next to this file is a scenario: <c>cluster.yaml</c> (manifests), <c>probes.json</c>
/// (<c>[{from,to,port,protocol}]</c>, endpoints as <c>namespace/pod</c> or <c>ip:ADDRESS</c>) and <c>expected.json</c>
/// (one normalised result per probe, restating the probe). Only the verdict fields an expected entry lists are compared, so upstream matrices
/// that know only the combined verdict say only <c>allowed</c>. A failure lists every verdict that changed.
/// </summary>
public class GoldenScenarioTests
{
    private static string Root([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Root()).Where(d => File.Exists(Path.Combine(d, "cluster.yaml"))).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Fact]
    public void Scenarios_Exist_AtLeast25()
    {
        Assert.True(Scenarios().Count >= 25, $"only {Scenarios().Count} golden scenarios");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_ReferenceEngine_MatchesExpected(string name) => Check(name, snapshot => ReferenceEngine.For(snapshot));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_FastEngine_MatchesExpected(string name) => Check(name, FastEngine.For);

    private static void Check(string name, Func<ClusterSnapshot, IReachabilityEngine> build)
    {
        var dir = Path.Combine(Root(), name);
        var snapshot = GoldenManifestReader.Read(File.ReadAllText(Path.Combine(dir, "cluster.yaml")));
        var cluster = CompiledCluster.Compile(snapshot);
        var engine = build(snapshot);
        var probes = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "probes.json")))!.AsArray();
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))!.AsArray();
        Assert.Equal(probes.Count, expected.Count);
        // Scenarios are valid unless issues.json lists the fields that compile to "matches nothing" on purpose.
        var issuesFile = Path.Combine(dir, "issues.json");
        var expectedIssues = File.Exists(issuesFile)
            ? JsonSerializer.Deserialize<string[]>(File.ReadAllText(issuesFile))!
            : [];
        Assert.Equal(expectedIssues, cluster.Issues.Select(i => i.Field).ToArray());

        var changed = new List<string>();
        for (var i = 0; i < probes.Count; i++)
        {
            var probe = probes[i]!;
            var want = expected[i]!.AsObject();
            var verdict = Evaluate(cluster, engine, probe);
            var got = JsonNode.Parse(VerdictJson.Serialize(verdict))!.AsObject();
            foreach (var (field, value) in want)
            {
                // from/to/port/protocol restate the probe; the verdict names the resolved endpoint instead of ip:ADDRESS.
                if (field is "from" or "to" or "port" or "protocol") continue;
                if (JsonNode.DeepEquals(value, got[field])) continue;
                changed.Add($"{probe["from"]} -> {probe["to"]} {probe["port"]}/{probe["protocol"]}: {field} expected {value?.ToJsonString()} got {got[field]?.ToJsonString()} ({verdict.Explanation})");
            }
        }
        Assert.True(changed.Count == 0, $"{changed.Count} verdicts differ in {name}:\n" + string.Join("\n", changed));
    }

    private static Verdict Evaluate(CompiledCluster cluster, IReachabilityEngine engine, JsonNode probe)
    {
        Assert.True(cluster.TryParseEndpoint(probe["from"]!.GetValue<string>(), out var from, out var e1), e1);
        Assert.True(cluster.TryParseEndpoint(probe["to"]!.GetValue<string>(), out var to, out var e2), e2);
        var protocol = probe["protocol"]?.GetValue<string>() ?? "TCP";
        Assert.True(ProtocolNames.TryParse(protocol, out var p), protocol);
        return engine.Evaluate(from!, to!, probe["port"]!.GetValue<int>(), p);
    }
}
