using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Fast;

/// <summary>
/// The fast engine against the reference engine on random clusters: every ordered pair of endpoints (pods and
/// external addresses), a set of ports on every protocol, both directions, and the explanation text.
/// Seeds are fixed so a failure reproduces; the message names the seed and the first differing probe.
/// </summary>
public sealed class FastEngineDifferentialTests
{
    private const int Clusters = 800;

    internal static IEnumerable<Endpoint> Endpoints(ClusterSnapshot snapshot) =>
        snapshot.Pods.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(Endpoint.Of)
            .Concat(RandomClusters.ExternalIps.Select(Endpoint.Of))
            .Append(Endpoint.Of("not-an-ip"));

    /// <summary>Null when both engines agree on every probe; otherwise a description of the first difference.</summary>
    internal static string? FirstDifference(ClusterSnapshot snapshot, IReachabilityEngine expected, IReachabilityEngine actual)
    {
        var endpoints = Endpoints(snapshot).ToList();
        foreach (var from in endpoints)
            foreach (var to in endpoints)
                foreach (var (port, protocol) in RandomClusters.ProbePorts)
                {
                    var e = expected.Evaluate(from, to, port, protocol);
                    var a = actual.Evaluate(from, to, port, protocol);
                    if (e.Allowed != a.Allowed || e.IngressAllowed != a.IngressAllowed || e.EgressAllowed != a.EgressAllowed ||
                        e.Loopback != a.Loopback || e.Unreachable != a.Unreachable || e.ToString() != a.ToString())
                        return $"{from} -> {to} {port}/{protocol}\n  reference: {e}\n  fast:      {a}";
                    if (actual is FastEngine fast && Resolve(fast.Reachability, from) is { } f && Resolve(fast.Reachability, to) is { } t &&
                        fast.Reachability.Allowed(f, t, protocol, port) != e.Allowed)
                        return $"{from} -> {to} {port}/{protocol}: FastReachability.Allowed differs from {e}";
                }
        return null;
    }

    /// <summary>The fast endpoint the reference would use: a pod, or an address no pod-network pod owns.</summary>
    private static FastEndpoint? Resolve(FastReachability r, Endpoint endpoint)
    {
        if (endpoint is Endpoint.Pod pod) return r.TryGetPod(pod.Info.Key, out var e) ? e : null;
        if (endpoint is not Endpoint.External ext || !PolicyDashboard.Core.Policies.IpAddr.TryParse(ext.Ip, out var ip)) return null;
        var owner = r.Partition.Pods.Select((p, i) => (p, i))
            .Where(x => !x.p.HostNetwork && x.p.Ips.Any(a => PolicyDashboard.Core.Policies.IpAddr.TryParse(a, out var pa) && pa == ip))
            .OrderBy(x => x.p.Namespace, StringComparer.Ordinal).ThenBy(x => x.p.Name, StringComparer.Ordinal).ToList();
        return owner.Count > 0 ? r.PodEndpoint(owner[0].i) : FastEndpoint.External(ip);
    }

    [Fact]
    public void ExternalRanges_IpBlockPolicy_ListsTheBlockWithItsFirstAddress()
    {
        var pod = new PodInfo(new ObjectMeta("db", "data"), ["10.1.0.5"], []);
        var policy = new NetworkPolicyInfo(new ObjectMeta("from-office", "data"), LabelSelector.Everything, null,
            [new NetworkPolicyRule([new NetworkPolicyPeer(null, null, new IpBlock("192.0.2.0/24", []))], [])], []);
        var snapshot = ClusterSnapshot.Empty with
        {
            Pods = ClusterSnapshot.Empty.Pods.Add(pod.Key, pod),
            NetworkPolicies = ClusterSnapshot.Empty.NetworkPolicies.Add(policy.Key, policy),
        };
        var r = FastReachability.Build(snapshot);

        var (range, first) = Assert.Single(r.ExternalRanges());
        Assert.Equal("192.0.2.0", first.ToString());
        Assert.True(r.TryGetPod(pod.Key, out var db));
        Assert.True(r.Allowed(FastEndpoint.External(first), db, Protocol.TCP, 5432));
        Assert.True(PolicyDashboard.Core.Policies.IpAddr.TryParse("198.51.100.1", out var other));
        Assert.False(range.Contains(other));
        Assert.False(r.Allowed(FastEndpoint.External(other), db, Protocol.TCP, 5432));
    }

    [Fact]
    public void Evaluate_RandomClusters_AgreesWithReferenceOnEveryPairPortAndDirection()
    {
        for (var seed = 1; seed <= Clusters; seed++)
        {
            var snapshot = new RandomClusters(seed).Next();
            var difference = FirstDifference(snapshot, ReferenceEngine.For(snapshot), FastEngine.For(snapshot));
            Assert.True(difference is null, $"seed {seed}: {difference}");
        }
    }
}
