using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Tests.Lint;
using static PolicyDashboard.Core.Tests.Validation.Build;

namespace PolicyDashboard.Core.Tests.Diff;

/// <summary>Expected diffs derived by hand from the NetworkPolicy and AdminNetworkPolicy semantics.</summary>
public sealed class ReachabilityDifferTests
{
    private static readonly DiffWorkload Busybox = new("default", "Pod", "busybox");
    private static readonly DiffWorkload Frontend = new("default", "Deployment", "frontend");
    private static readonly DiffWorkload RedisMaster = new("default", "Deployment", "redis-master");
    private static readonly DiffWorkload RedisSlave = new("default", "Deployment", "redis-slave");
    private static readonly DiffWorkload CoreDns = new("kube-system", "Deployment", "coredns");

    private static ReachabilityDiff Compare(ClusterSnapshot before, ClusterSnapshot after, Func<ClusterSnapshot, PolicyDashboard.Core.Reachability.IReachabilityEngine>? engine = null) =>
        ReachabilityDiffer.Compare(before, after, engine, TestContext.Current.CancellationToken);

    private static (DiffWorkload, DiffWorkload, int, Protocol, ConnectionChange, int)[] Rows(ReachabilityDiff diff) =>
        [.. diff.Entries.Select(e => (e.Source, e.Destination, e.Port, e.Protocol, e.Change, e.PodPairs))];

    [Fact]
    public void Compare_AddingAllowRedis_DeniesOnlyUnlabelledSourcesToTheDatabases()
    {
        var before = TestCluster.Guestbook().Build();
        var after = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();

        var diff = Compare(before, after);

        // role=db pods become isolated for ingress; only k8s-app=guestbook pods of default may still connect. The
        // databases declare 6379/TCP and the policy names no port. busybox and CoreDNS lose access; frontend keeps it.
        Assert.Equal(
            [
                (Busybox, RedisMaster, 6379, Protocol.TCP, ConnectionChange.Denied, 1),
                (Busybox, RedisSlave, 6379, Protocol.TCP, ConnectionChange.Denied, 2),
                (CoreDns, RedisMaster, 6379, Protocol.TCP, ConnectionChange.Denied, 1),
                (CoreDns, RedisSlave, 6379, Protocol.TCP, ConnectionChange.Denied, 2),
            ],
            Rows(diff));
        Assert.DoesNotContain(diff.Entries, e => e.Source == Frontend);
        Assert.Empty(diff.NewlyAllowed);
        Assert.Equal(6, diff.NewlyDeniedPairs);
    }

    [Fact]
    public void Compare_RemovingAllowRedis_IsTheMirrorImage()
    {
        var withPolicy = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();
        var without = TestCluster.Guestbook().Build();

        var diff = Compare(withPolicy, without);

        Assert.All(diff.Entries, e => Assert.Equal(ConnectionChange.Allowed, e.Change));
        Assert.Equal(6, diff.NewlyAllowedPairs);
        Assert.Contains(diff.Entries, e => e.Source == Busybox && e.Destination == RedisMaster && e.PodPairs == 1);
    }

    [Fact]
    public void Compare_SameState_IsEmpty()
    {
        var state = TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build();
        var copy = TestCluster.Guestbook().Policy(Np(LabelSelector.Of(("role", "db")),
            ingress: [Peers(Pods(LabelSelector.Of(("k8s-app", "guestbook"))))], name: "allow-redis")).Build();

        Assert.True(Compare(state, copy).IsEmpty);
    }

    [Fact]
    public void Compare_MovingAllowedPort_ReportsBothPortsOnlyForTheAllowedSource()
    {
        NetworkPolicyInfo OnPort(int port) => Np(LabelSelector.Of(("app", "db")),
            ingress: [Rule([Pods(LabelSelector.Of(("app", "web")))], [Port(port)])], name: "db", ns: "shop");
        TestCluster Cluster() => new TestCluster()
            .Pod("shop", "web", [("app", "web")])
            .Pod("shop", "tool", [("app", "tool")])
            .Pod("shop", "db", [("app", "db")], [new("pg", 5432)]);

        var diff = Compare(Cluster().Policy(OnPort(5432)).Build(), Cluster().Policy(OnPort(8080)).Build());

        // db serves 5432; policies name 5432 (before) and 8080 (after). web loses 5432 and gains 8080; tool was and
        // stays denied on both; nothing else is isolated.
        var web = new DiffWorkload("shop", "Pod", "web");
        var db = new DiffWorkload("shop", "Pod", "db");
        Assert.Equal(
            [
                (web, db, 8080, Protocol.TCP, ConnectionChange.Allowed, 1),
                (web, db, 5432, Protocol.TCP, ConnectionChange.Denied, 1),
            ],
            Rows(diff));
    }

    [Fact]
    public void Compare_DefaultDenyEgress_DeniesEverythingTheNamespaceSends()
    {
        TestCluster Cluster() => new TestCluster()
            .Pod("a", "client", [("app", "client")])
            .Pod("a", "server", [("app", "server")], [new("http", 80)])
            .Pod("b", "api", [("app", "api")], [new("http", 8080)]);

        var diff = Compare(Cluster().Build(),
            Cluster().Policy(Np(policyTypes: [PolicyType.Egress], name: "deny-egress", ns: "a")).Build());

        // Both pods of a lose all egress; b's api sending to a's server is untouched (ingress at a is not isolated).
        var client = new DiffWorkload("a", "Pod", "client");
        var server = new DiffWorkload("a", "Pod", "server");
        var api = new DiffWorkload("b", "Pod", "api");
        Assert.Equal(
            [
                (client, server, 80, Protocol.TCP, ConnectionChange.Denied, 1),
                (client, api, 8080, Protocol.TCP, ConnectionChange.Denied, 1),
                (server, api, 8080, Protocol.TCP, ConnectionChange.Denied, 1),
            ],
            Rows(diff));
    }

    [Fact]
    public void Compare_AdminDenyOverridingNetworkPolicyAllow_DeniesAcrossNamespaces()
    {
        TestCluster Cluster() => TestCluster.Guestbook()
            .Policy(Np(LabelSelector.Of(("role", "db")), ingress: [Peers(Namespaces(LabelSelector.Everything))], name: "db-from-all"));
        var deny = Anp(5, new AdminSubject(LabelSelector.Of(("kubernetes.io/metadata.name", "default")), null),
            ingress: [ARule("Deny", [ANamespaces(LabelSelector.Of(("kubernetes.io/metadata.name", "kube-system")))])], name: "no-system");

        var diff = Compare(Cluster().Build(), Cluster().Admin(deny).Build());

        // CoreDNS (kube-system) may reach every default pod before; the ANP Deny wins over NetworkPolicy after. Only
        // ports the default pods serve are probed: 80 (frontends) and 6379 (databases); busybox serves none.
        Assert.Equal(
            [
                (CoreDns, Frontend, 80, Protocol.TCP, ConnectionChange.Denied, 3),
                (CoreDns, RedisMaster, 6379, Protocol.TCP, ConnectionChange.Denied, 1),
                (CoreDns, RedisSlave, 6379, Protocol.TCP, ConnectionChange.Denied, 2),
            ],
            Rows(diff));
    }

    [Fact]
    public void Compare_Entries_CarryAnExamplePair()
    {
        var diff = Compare(TestCluster.Guestbook().Build(), TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build());

        var slave = diff.Entries.Single(e => e.Source == Busybox && e.Destination == RedisSlave);

        Assert.Equal(new ObjectKey("default", "busybox"), slave.ExampleSource);
        Assert.StartsWith("redis-slave-", slave.ExampleDestination.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WithInjectedEngine_UsesItForBothStates()
    {
        var calls = 0;
        var diff = Compare(TestCluster.Guestbook().Build(), TestCluster.Guestbook().Policy(TestCluster.AllowRedis).Build(),
            snapshot => { calls++; return ReachabilityDiffer.DefaultEngine(snapshot); });

        Assert.Equal(2, calls);
        Assert.Equal(6, diff.NewlyDeniedPairs);
    }
}
