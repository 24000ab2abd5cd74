using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Fast;

/// <summary>
/// Whole-cluster answers (class matrices, pair counts, port sets, aggregation) against the reference engine's
/// per-pair verdicts on random clusters.
/// </summary>
public sealed class ReachabilityResultDifferentialTests
{
    private const int Clusters = 300;

    internal static string? FirstDifference(ClusterSnapshot snapshot, ReachabilityResult result)
    {
        var reference = ReferenceEngine.For(snapshot);
        var pods = result.Pods;
        var fast = result.Reachability;
        foreach (var (port, protocol) in RandomClusters.ProbePorts)
        {
            long ingress = 0, egress = 0, allowed = 0;
            var byNs = new Dictionary<(string, string), (long Pairs, long Allowed)>();
            for (var s = 0; s < pods.Count; s++)
                for (var d = 0; d < pods.Count; d++)
                {
                    var v = reference.Evaluate(Endpoint.Of(pods[s]), Endpoint.Of(pods[d]), port, protocol);
                    ingress += v.IngressAllowed ? 1 : 0;
                    egress += v.EgressAllowed ? 1 : 0;
                    allowed += v.Allowed ? 1 : 0;
                    var key = (pods[s].Namespace, pods[d].Namespace);
                    var cell = byNs.GetValueOrDefault(key);
                    byNs[key] = (cell.Pairs + 1, cell.Allowed + (v.Allowed ? 1 : 0));
                    var where = $"{pods[s].Key} -> {pods[d].Key} {port}/{protocol}";
                    if (result.IsAllowed(s, d, protocol, port, ReachScope.Ingress) != v.IngressAllowed) return $"{where}: matrix ingress differs from {v}";
                    if (result.IsAllowed(s, d, protocol, port, ReachScope.Egress) != v.EgressAllowed) return $"{where}: matrix egress differs from {v}";
                    if (result.IsAllowed(s, d, protocol, port, ReachScope.Combined) != v.Allowed) return $"{where}: matrix combined differs from {v}";
                    if (result.AllowedPorts(s, d, ReachScope.Ingress).Contains(protocol, port) != v.IngressAllowed) return $"{where}: ingress port set {result.AllowedPorts(s, d, ReachScope.Ingress)} differs from {v}";
                    if (result.AllowedPorts(s, d, ReachScope.Egress).Contains(protocol, port) != v.EgressAllowed) return $"{where}: egress port set {result.AllowedPorts(s, d, ReachScope.Egress)} differs from {v}";
                    if (result.AllowedPorts(s, d, ReachScope.Combined).Contains(protocol, port) != v.Allowed) return $"{where}: combined port set differs from {v}";
                    if (s != d)
                    {
                        var src = fast.PodEndpoint(s);
                        var dst = fast.PodEndpoint(d);
                        if (fast.IngressDecision(src, dst, protocol, port).Allowed != v.IngressAllowed) return $"{where}: ingress decision differs from {v}";
                        if (fast.EgressDecision(src, dst, protocol, port).Allowed != v.EgressAllowed) return $"{where}: egress decision differs from {v}";
                    }
                }
            var counts = result.Count(protocol, port);
            if (counts.IngressAllowed != ingress || counts.EgressAllowed != egress || counts.Allowed != allowed || counts.Pairs != (long)pods.Count * pods.Count)
                return $"{port}/{protocol}: counts {counts} differ from reference ingress={ingress} egress={egress} allowed={allowed}";
            var rows = result.Rows(protocol, port).Count(r => r.Allowed);
            if (rows != allowed) return $"{port}/{protocol}: {rows} allowed rows, reference {allowed}";
            foreach (var cell in result.ByNamespace([(port, protocol)]))
                if (byNs[(cell.From, cell.To)] != (cell.Pairs, cell.AllowedPerPort[0]))
                    return $"{port}/{protocol}: namespace cell {cell.From} -> {cell.To} {cell.Pairs}/{cell.AllowedPerPort[0]} differs from {byNs[(cell.From, cell.To)]}";
        }
        return null;
    }

    [Fact]
    public void ReachabilityResult_RandomClusters_AgreesWithReferenceVerdicts()
    {
        for (var seed = 10_001; seed < 10_001 + Clusters; seed++)
        {
            var snapshot = new RandomClusters(seed).Next();
            var difference = FirstDifference(snapshot, ReachabilityResult.For(snapshot));
            Assert.True(difference is null, $"seed {seed}: {difference}");
        }
    }

    [Fact]
    public void AllowedPorts_DenyAllIngressExceptHttp_IsExactlyThatPort()
    {
        var web = new PodInfo(new ObjectMeta("web", "shop", Labels: Labels.Of(("app", "web"))), ["10.0.0.1"], [new ContainerPort("http", 8080)]);
        var client = new PodInfo(new ObjectMeta("client", "shop"), ["10.0.0.2"], []);
        var policy = new NetworkPolicyInfo(new ObjectMeta("web-http", "shop"), LabelSelector.Of(("app", "web")), null,
            [new NetworkPolicyRule([], [new NetworkPolicyPort(null, IntOrString.Of("http"), null)])], []);
        var snapshot = ClusterSnapshot.Empty with
        {
            Pods = ClusterSnapshot.Empty.Pods.Add(web.Key, web).Add(client.Key, client),
            NetworkPolicies = ClusterSnapshot.Empty.NetworkPolicies.Add(policy.Key, policy),
        };
        var result = ReachabilityResult.For(snapshot);
        Assert.True(result.Reachability.Partition.TryGetPodIndex(client.Key, out var c));
        Assert.True(result.Reachability.Partition.TryGetPodIndex(web.Key, out var w));

        Assert.Equal("8080/TCP", result.AllowedPorts(c, w, ReachScope.Combined).ToString());
        Assert.Equal("all", result.AllowedPorts(w, c, ReachScope.Combined).ToString());
        Assert.Equal(4, result.Count(Protocol.TCP, 8080).Allowed); // 4 ordered pairs (self pairs included), all allowed on the named port
        Assert.Equal(3, result.Count(Protocol.TCP, 80).Allowed); // client→web denied on 80
    }
}
