using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;
using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Core.Tests.Fast;

/// <summary>
/// <see cref="SnapshotDelta"/> finds exactly the objects that can change verdicts, and applying them one by one
/// through <see cref="SnapshotDelta.Step"/> gives what the reference engine gives on the final snapshot.
/// </summary>
public sealed class SnapshotDeltaTests
{
    [Fact]
    public void Between_SeveralRandomEdits_AppliedOneByOneEqualsReference()
    {
        for (var seed = 31_001; seed < 31_081; seed++)
        {
            var gen = new RandomClusters(seed);
            var before = gen.Next();
            var r = new Random(seed);
            var next = before;
            for (var i = 0; i < 1 + r.Next(4); i++)
            {
                var np = gen.RandomNetworkPolicy($"np{r.Next(4)}", $"ns{r.Next(3)}");
                next = next with { NetworkPolicies = next.NetworkPolicies.SetItem(np.Key, np) };
                var pods = next.Pods.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).ToList();
                if (pods.Count > 1 && r.Next(2) == 0) next = next with { Pods = next.Pods.Remove(pods[r.Next(pods.Count)].Key) };
            }

            var reachability = FastReachability.Build(before);
            var step = before;
            foreach (var change in SnapshotDelta.Between(before, next))
            {
                step = SnapshotDelta.Step(step, next, change);
                reachability = reachability.Apply(step, change);
            }

            var difference = FastEngineDifferentialTests.FirstDifference(next, ReferenceEngine.For(next), new FastEngine(reachability));
            Assert.True(difference is null, $"seed {seed}: {difference}");
        }
    }

    [Fact]
    public void Between_OnlyServicesChanged_ListsNothing()
    {
        var before = new RandomClusters(5).Next();
        var service = new ServiceInfo(new ObjectMeta("web", "ns0"), "ClusterIP", Labels.Of(("app", "a")), ["10.96.0.10"], []);
        var next = before with { Services = before.Services.SetItem(service.Meta.Key, service) };

        Assert.Empty(SnapshotDelta.Between(before, next));
    }

    [Fact]
    public void Between_PolicyDeletedAndPodRelabelled_NamesBoth()
    {
        var before = new RandomClusters(9).Next();
        var policy = new NetworkPolicyInfo(new ObjectMeta("deny-all", "ns0"), LabelSelector.Everything, null, [], []);
        before = before with { NetworkPolicies = before.NetworkPolicies.SetItem(policy.Key, policy) };
        var pod = before.Pods.Values.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).First();
        var next = before with
        {
            NetworkPolicies = before.NetworkPolicies.Remove(policy.Key),
            Pods = before.Pods.SetItem(pod.Key, pod with { Meta = pod.Meta with { Labels = Labels.Of(("app", "moved")) } }),
        };

        var changes = SnapshotDelta.Between(before, next);

        Assert.Equal(2, changes.Count);
        Assert.Contains(new ClusterChange.NetworkPolicy(policy.Key), changes);
        Assert.Contains(new ClusterChange.Pod(pod.Key), changes);
    }
}
