using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Reachability.Matrix;

namespace PolicyDashboard.Core.Tests.Matrix;

/// <summary>The seed's Guestbook as a matrix: levels, drill-down, peers, loopback, changed cells and explanations.</summary>
public sealed class MatrixBuilderTests
{
    private static PodInfo Pod(string ns, string name, string ip, WorkloadRef? owner, params (string, string)[] labels) =>
        new(new ObjectMeta(name, ns, Labels: Labels.Of(labels)), [ip], [], Phase: "Running", NodeName: "node-1", Owner: owner);

    private static PodInfo Redis() =>
        new(new ObjectMeta("redis-master-1", "default", Labels: Labels.Of(("app", "redis"), ("role", "master"))), ["10.0.0.5"],
            [new ContainerPort("redis", 6379, Protocol.TCP, "master")], Phase: "Running", NodeName: "node-1", Owner: new WorkloadRef("Deployment", "redis-master"));

    private static ClusterSnapshot Guestbook()
    {
        var s = ClusterSnapshot.Empty;
        var frontend = new WorkloadRef("Deployment", "frontend");
        PodInfo[] pods =
        [
            Pod("default", "frontend-1", "10.0.0.1", frontend, ("app", "guestbook"), ("tier", "frontend")),
            Pod("default", "frontend-2", "10.0.0.2", frontend, ("app", "guestbook"), ("tier", "frontend")),
            Redis(),
            Pod("default", "busybox", "10.0.0.9", null, ("run", "busybox")),
            Pod("ingress-nginx", "controller-1", "10.0.1.1", new WorkloadRef("Deployment", "ingress-nginx-controller"),
                ("app.kubernetes.io/name", "ingress-nginx"), ("app.kubernetes.io/component", "controller")),
        ];
        foreach (var ns in new[] { "default", "ingress-nginx" })
        {
            var meta = new ObjectMeta(ns, null, Labels: Labels.Of(("kubernetes.io/metadata.name", ns)));
            s = s with { Namespaces = s.Namespaces.SetItem(meta.Key, new NamespaceInfo(meta)) };
        }
        foreach (var p in pods) s = s with { Pods = s.Pods.SetItem(p.Key, p) };
        return s with { Version = 7 };
    }

    private static NetworkPolicyInfo AllowRedis() => new(new ObjectMeta("allow-redis", "default"),
        LabelSelector.Of(("app", "redis")), null,
        [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("tier", "frontend")), null, null)], [new NetworkPolicyPort("TCP", IntOrString.Of(6379), null)])],
        []);

    private static ClusterSnapshot WithAllowRedis(ClusterSnapshot s) => s with { Version = s.Version + 1, NetworkPolicies = s.NetworkPolicies.SetItem(AllowRedis().Key, AllowRedis()) };

    private static MatrixView Build(ClusterSnapshot s, MatrixQuery q) => MatrixBuilder.Build(ReachabilityResult.For(s), q);

    [Fact]
    public void NamespaceLevel_NoPolicies_EveryPodPairAllowedAndControllerRowPresent()
    {
        var view = Build(Guestbook(), MatrixQuery.Namespaces);

        Assert.Equal(["ns:default", "ns:ingress-nginx", "ingress-controller", "ext:world"], view.Rows.Select(r => r.Id));
        var cell = view.Index(view.RowOf("ns:default"), view.ColumnOf("ns:default"));
        Assert.Equal(4 * 3, view.Pairs(cell));
        Assert.Equal(CellState.All, (CellState)view.States[cell]);
        Assert.Equal(CellState.NotApplicable, view.State(view.RowOf("ext:world"), view.ColumnOf("ext:world")));
        Assert.Equal(7, view.Version);
    }

    [Fact]
    public void WorkloadLevel_AllowRedisOn6379_BusyboxNoneFrontendAll()
    {
        var axis = new MatrixAxis("default");
        var view = Build(WithAllowRedis(Guestbook()), new MatrixQuery(axis, axis, new PortFilter(Protocol.TCP, 6379)));

        var redis = view.ColumnOf("wl:default/Deployment/redis-master");
        Assert.Equal(CellState.None, view.State(view.RowOf("wl:default/Pod/busybox"), redis));
        Assert.Equal(CellState.All, view.State(view.RowOf("wl:default/Deployment/frontend"), redis));
        Assert.Equal(CellState.None, view.State(view.RowOf("ext:world"), redis));
        Assert.Equal(new MatrixAxis("default", "default/Deployment/frontend"), view.Rows[view.RowOf("wl:default/Deployment/frontend")].Drill);
    }

    [Fact]
    public void WorkloadLevel_AllowRedisAnyPort_FrontendToRedisIsSome()
    {
        var axis = new MatrixAxis("default");
        var view = Build(WithAllowRedis(Guestbook()), new MatrixQuery(axis, axis));

        Assert.Equal(CellState.Some, view.State(view.RowOf("wl:default/Deployment/frontend"), view.ColumnOf("wl:default/Deployment/redis-master")));
        Assert.Equal(CellState.All, view.State(view.RowOf("wl:default/Pod/busybox"), view.ColumnOf("wl:default/Deployment/frontend")));
    }

    [Fact]
    public void EgressView_IngressPolicyOnly_EverythingAllowed()
    {
        var axis = new MatrixAxis("default");
        var view = Build(WithAllowRedis(Guestbook()), new MatrixQuery(axis, axis, View: ReachScope.Egress));

        Assert.All(Enumerable.Range(0, view.States.Length).Where(i => view.States[i] != (byte)CellState.NotApplicable),
            i => Assert.Equal((byte)CellState.All, view.States[i]));
    }

    [Fact]
    public void PodLevel_Diagonal_IsLoopbackAllowed()
    {
        var axis = new MatrixAxis("default", "default/Deployment/frontend");
        var view = Build(WithAllowRedis(Guestbook()), new MatrixQuery(axis, axis, IncludePeers: false));

        Assert.Equal(2, view.Rows.Count);
        Assert.Equal(CellState.All, view.State(0, 0));
        Assert.Equal(0, view.Pairs(view.Index(0, 0)));
        Assert.Equal(1, view.Pairs(view.Index(0, 1)));
    }

    [Fact]
    public void ChangedSince_AllowRedisApplied_MarksExactlyTheCellsIntoRedis()
    {
        var axis = new MatrixAxis("default");
        var query = new MatrixQuery(axis, axis, new PortFilter(Protocol.TCP, 6379), IncludePeers: false);
        var before = Build(Guestbook(), query);
        var after = Build(WithAllowRedis(Guestbook()), query);

        var changed = after.ChangedSince(before).Select(i => (after.Rows[i / after.Columns.Count].Id, after.Columns[i % after.Columns.Count].Id)).ToList();

        Assert.Equal([("wl:default/Pod/busybox", "wl:default/Deployment/redis-master")], changed);
    }

    [Fact]
    public void Explain_BusyboxToRedis_DeniedByAllowRedis()
    {
        var snapshot = WithAllowRedis(Guestbook());
        var result = ReachabilityResult.For(snapshot);
        var axis = new MatrixAxis("default");
        var view = MatrixBuilder.Build(result, new MatrixQuery(axis, axis));

        var explanation = MatrixExplainer.Explain(result, view, view.RowOf("wl:default/Pod/busybox"), view.ColumnOf("wl:default/Deployment/redis-master"));

        var kind = Assert.Single(explanation.Kinds);
        Assert.Equal("default/busybox", kind.Source);
        var verdict = Assert.Single(kind.Verdicts);
        Assert.Equal(6379, verdict.Port);
        Assert.False(verdict.Allowed);
        Assert.Contains(verdict.Ingress.Trail.Last().Policies, p => p.Name == "allow-redis");
    }

    [Fact]
    public void Explain_FrontendToRedis_OneKindCoveringBothReplicas()
    {
        var snapshot = WithAllowRedis(Guestbook());
        var result = ReachabilityResult.For(snapshot);
        var axis = new MatrixAxis("default");
        var view = MatrixBuilder.Build(result, new MatrixQuery(axis, axis));

        var explanation = MatrixExplainer.Explain(result, view, view.RowOf("wl:default/Deployment/frontend"), view.ColumnOf("wl:default/Deployment/redis-master"));

        var kind = Assert.Single(explanation.Kinds);
        Assert.Equal(2, kind.PodPairs);
        Assert.True(kind.Verdicts.Single().Allowed);
        Assert.Equal("allow-redis", kind.Verdicts.Single().Ingress.DecidingRule!.Policy.Name);
        Assert.Equal(CellState.Some, kind.State);
    }

    [Fact]
    public void ExternalPeers_IpBlockWithExcept_NamedByItsText()
    {
        var policy = new NetworkPolicyInfo(new ObjectMeta("egress", "default"), LabelSelector.Everything,
            ImmutableArray.Create(PolicyType.Egress), [],
            [new NetworkPolicyRule([new NetworkPolicyPeer(null, null, new IpBlock("0.0.0.0/0", ["10.0.0.0/8"]))], [])]);
        var snapshot = Guestbook() with { NetworkPolicies = ImmutableDictionary<ObjectKey, NetworkPolicyInfo>.Empty.Add(policy.Key, policy) };

        var peers = ExternalPeers.Of(snapshot);

        var peer = Assert.Single(peers);
        Assert.Equal("0.0.0.0/0 except 10.0.0.0/8", peer.Label);
        Assert.Equal("0.0.0.0", peer.Address);
    }
}
