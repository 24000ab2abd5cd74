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
                }
        return null;
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
