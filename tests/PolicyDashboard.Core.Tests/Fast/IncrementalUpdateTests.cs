using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Fast;

/// <summary>
/// Incremental updates (<see cref="FastReachability.Apply"/>) after one random change must give what a build from
/// scratch gives — checked against the reference engine on the new snapshot, pair by pair and port by port.
/// </summary>
public sealed class IncrementalUpdateTests
{
    private const int Changes = 200;

    private static (ClusterSnapshot Next, ClusterChange Change) RandomChange(ClusterSnapshot s, RandomClusters gen, Random r)
    {
        var pods = s.Pods.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        var nps = s.NetworkPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        var admin = s.AdminPolicies.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
        switch (r.Next(9))
        {
            case 0 when nps.Count > 0: // delete a NetworkPolicy
                var gone = nps[r.Next(nps.Count)];
                return (s with { NetworkPolicies = s.NetworkPolicies.Remove(gone.Key) }, new ClusterChange.NetworkPolicy(gone.Key));
            case 1 or 2: // add or replace a NetworkPolicy
                var np = gen.RandomNetworkPolicy($"np{r.Next(5)}", $"ns{r.Next(3)}");
                return (s with { NetworkPolicies = s.NetworkPolicies.SetItem(np.Key, np) }, new ClusterChange.NetworkPolicy(np.Key));
            case 3: // add, replace or delete an admin-tier policy
                if (admin.Count > 0 && r.Next(3) == 0)
                {
                    var a = admin[r.Next(admin.Count)];
                    return (s with { AdminPolicies = s.AdminPolicies.Remove(a.Key) }, new ClusterChange.AdminPolicy(a.Key));
                }
                var ap = gen.RandomAdminPolicy(r.Next(4));
                return (s with { AdminPolicies = s.AdminPolicies.SetItem(ap.Key, ap) }, new ClusterChange.AdminPolicy(ap.Key));
            case 4 when pods.Count > 0: // a new replica: same content, new name
                var twin = pods[r.Next(pods.Count)];
                var copy = twin with { Meta = twin.Meta with { Name = twin.Name + "-r" + r.Next(100) } };
                return (s with { Pods = s.Pods.SetItem(copy.Key, copy) }, new ClusterChange.Pod(copy.Key));
            case 5 when pods.Count > 0: // delete a pod
                var dead = pods[r.Next(pods.Count)];
                return (s with { Pods = s.Pods.Remove(dead.Key) }, new ClusterChange.Pod(dead.Key));
            case 6 when pods.Count > 1: // relabel a pod like another pod of its namespace, or at random
                var pod = pods[r.Next(pods.Count)];
                var like = pods.FirstOrDefault(p => p.Namespace == pod.Namespace && p != pod) ?? pod;
                var relabelled = pod with { Meta = pod.Meta with { Labels = r.Next(2) == 0 ? like.Labels : Labels.Of(("app", "b")) } };
                return (s with { Pods = s.Pods.SetItem(pod.Key, relabelled) }, new ClusterChange.Pod(pod.Key));
            case 7: // relabel or add a namespace
                var name = $"ns{r.Next(5)}";
                var ns = new NamespaceInfo(new ObjectMeta(name, null, Labels: Labels.Of(("team", RandomClusters.Values[r.Next(3)]))));
                return (s with { Namespaces = s.Namespaces.SetItem(ns.Meta.Key, ns) }, new ClusterChange.Namespace(name));
            default:
                var extra = gen.RandomNetworkPolicy("extra", "ns0");
                return (s with { NetworkPolicies = s.NetworkPolicies.SetItem(extra.Key, extra) }, new ClusterChange.NetworkPolicy(extra.Key));
        }
    }

    [Fact]
    public void Apply_RandomSingleChanges_EqualsReferenceOnTheNewSnapshot()
    {
        for (var seed = 20_001; seed < 20_001 + Changes; seed++)
        {
            var gen = new RandomClusters(seed);
            var before = gen.Next();
            var built = FastReachability.Build(before);
            var (next, change) = RandomChange(before, gen, new Random(seed));
            var updated = built.Apply(next, change);
            Assert.Same(next, updated.Snapshot);
            var difference = FastEngineDifferentialTests.FirstDifference(next, ReferenceEngine.For(next), new FastEngine(updated))
                ?? ReachabilityResultDifferentialTests.FirstDifference(next, new ReachabilityResult(updated));
            Assert.True(difference is null, $"seed {seed}, change {change}: {difference}");
        }
    }

    [Fact]
    public void Apply_PolicyOverKnownLabels_KeepsThePartition()
    {
        var snapshot = new RandomClusters(7).Next();
        var policy = new NetworkPolicyInfo(new ObjectMeta("deny-all", "ns0"), LabelSelector.Everything, null, [], []);
        var before = FastReachability.Build(snapshot);
        var after = before.Apply(snapshot with { NetworkPolicies = snapshot.NetworkPolicies.SetItem(policy.Key, policy) }, new ClusterChange.NetworkPolicy(policy.Key));

        Assert.Same(before.Partition, after.Partition);
        foreach (var c in after.Partition.Classes.Where(c => c.Namespace == "ns0" && !c.HostNetwork))
            Assert.Contains(after.IngressOf(c.Id).IsolatedBy, p => p.Name == "deny-all");
    }
}
