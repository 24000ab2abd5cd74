using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Tests.Lint;
using static PolicyDashboard.Core.Tests.Validation.Build;

namespace PolicyDashboard.Core.Tests.Diff;

/// <summary>
/// The fast-engine diffs (class matrices, and decisions per class pair) and the per-pair diff with the reference
/// engine must report the same entries on random small clusters: same pods, random policies before and after.
/// </summary>
public sealed class ReachabilityDiffAgreementTests
{
    private static readonly string[] Namespaces = ["a", "b", "c"];
    private static readonly string[] Apps = ["web", "api", "db"];

    private static readonly IEnumerable<int> SeedRange = Enumerable.Range(1, 40);

    public static TheoryData<int> Seeds => new(SeedRange);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compare_FastAndReferencePaths_Agree(int seed)
    {
        var (matrices, decisions, reference) = Diffs(seed);

        Assert.Equal(Rows(reference), Rows(matrices));
        Assert.Equal(Rows(reference), Rows(decisions));
    }

    [Fact]
    public void Generator_MostSeeds_ProduceChangesInBothDirections()
    {
        var diffs = SeedRange.Select(seed => Diffs(seed).Reference).ToList();

        Assert.True(diffs.Count(d => !d.IsEmpty) >= diffs.Count / 2, "the random states should differ for most seeds");
        Assert.Contains(diffs, d => d.NewlyAllowed.Any());
        Assert.Contains(diffs, d => d.NewlyDenied.Any());
    }

    private static (DiffWorkload, DiffWorkload, int, Protocol, ConnectionChange, int)[] Rows(ReachabilityDiff diff) =>
        [.. diff.Entries.Select(e => (e.Source, e.Destination, e.Port, e.Protocol, e.Change, e.PodPairs))];

    private static (ReachabilityDiff Matrices, ReachabilityDiff Decisions, ReachabilityDiff Reference) Diffs(int seed)
    {
        var random = new Random(seed);
        var before = Cluster(random, seed).Build();
        var afterCluster = Cluster(new Random(seed), seed); // same pods
        foreach (var p in before.NetworkPolicies.Keys) afterCluster.Without(p);
        for (var i = 0; i < random.Next(1, 4); i++) afterCluster.Policy(RandomPolicy(random, $"after-{i}"));
        if (random.Next(3) == 0) afterCluster.Admin(RandomAdmin(random));
        var after = afterCluster.Build();

        var token = TestContext.Current.CancellationToken;
        return (ReachabilityDiffer.Compare(before, after, null, useMatrices: true, token),
                ReachabilityDiffer.Compare(before, after, null, useMatrices: false, token),
                ReachabilityDiffer.Compare(before, after, ReachabilityDiffer.DefaultEngine, token));
    }

    private static TestCluster Cluster(Random random, int seed)
    {
        var cluster = new TestCluster();
        foreach (var ns in Namespaces) cluster.Namespace(ns, ("team", ns == "c" ? "ops" : "dev"));
        var count = 6 + random.Next(6);
        for (var i = 0; i < count; i++)
        {
            var app = Apps[random.Next(Apps.Length)];
            ContainerPort[] ports = app switch
            {
                "web" => [new("http", 80)],
                "api" => [new("http", 8080), new("metrics", 9090)],
                _ => [new("pg", 5432), new("stats", 5432, Protocol.UDP)],
            };
            cluster.Pod(Namespaces[random.Next(Namespaces.Length)], $"{app}-{seed}-{i}", [("app", app)], ports,
                owner: random.Next(2) == 0 ? new WorkloadRef("Deployment", app) : null, noIp: random.Next(15) == 0);
        }
        for (var i = 0; i < random.Next(0, 3); i++) cluster.Policy(RandomPolicy(random, $"before-{i}"));
        return cluster;
    }

    private static NetworkPolicyInfo RandomPolicy(Random random, string name)
    {
        LabelSelector App() => random.Next(4) == 0 ? LabelSelector.Everything : LabelSelector.Of(("app", Apps[random.Next(Apps.Length)]));
        NetworkPolicyPeer Peer() => random.Next(4) switch
        {
            0 => Pods(App()),
            1 => Namespaces(LabelSelector.Of(("team", random.Next(2) == 0 ? "dev" : "ops"))),
            2 => new NetworkPolicyPeer(App(), LabelSelector.Everything, null),
            _ => IpBlock("10.0.0.0/24", "10.0.0.16/28"),
        };
        NetworkPolicyPort Port() => random.Next(5) switch
        {
            0 => PolicyDashboard.Core.Tests.Validation.Build.Port(80),
            1 => PolicyDashboard.Core.Tests.Validation.Build.Port("http"),
            2 => PolicyDashboard.Core.Tests.Validation.Build.Port(5000, endPort: 9000),
            3 => PolicyDashboard.Core.Tests.Validation.Build.Port(5432, "UDP"),
            _ => PolicyDashboard.Core.Tests.Validation.Build.Port("pg"),
        };
        NetworkPolicyRule RandomRule() => Rule(
            [.. Enumerable.Range(0, random.Next(3)).Select(_ => Peer())],
            [.. Enumerable.Range(0, random.Next(3)).Select(_ => Port())]);
        PolicyType[]? types = random.Next(3) switch { 0 => null, 1 => [PolicyType.Ingress, PolicyType.Egress], _ => [PolicyType.Egress] };
        return Np(App(),
            ingress: [.. Enumerable.Range(0, random.Next(3)).Select(_ => RandomRule())],
            egress: [.. Enumerable.Range(0, random.Next(3)).Select(_ => RandomRule())],
            types, name, Namespaces[random.Next(Namespaces.Length)]);
    }

    private static AdminPolicyInfo RandomAdmin(Random random)
    {
        var action = new[] { "Allow", "Deny", "Pass" }[random.Next(3)];
        return Anp(random.Next(10), new AdminSubject(LabelSelector.Of(("team", "dev")), null),
            ingress: [ARule(action, [ANamespaces(LabelSelector.Of(("team", "ops")))], random.Next(2) == 0 ? null : [new AdminPort.Number("TCP", 80)])],
            name: "admin");
    }
}
