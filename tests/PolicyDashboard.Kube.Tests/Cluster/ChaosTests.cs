using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class ChaosTests
{
    [Fact]
    public async Task Store_RandomWritesWithFaults_EndsEqualToAFreshList()
    {
        await using var f = await ClusterFixture.StartAsync(watchdog: TimeSpan.FromSeconds(1), bookmarks: TimeSpan.FromMilliseconds(200), pageSize: 5, historyLimit: 50);
        await f.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "chaos" } }, cancellationToken: TestContext.Current.CancellationToken);
        await f.StartStoreAsync();

        var random = new Random(20261126);
        var pods = new HashSet<string>();
        var policies = new HashSet<string>();
        for (var op = 0; op < 500; op++)
        {
            if (op % 40 == 20) await InjectFaultAsync(f, random);
            await RandomWriteAsync(f, random, pods, policies, op);
        }

        f.Server.Faults.StallWatches(false);
        var freshPods = await f.FreshPodVersionsAsync();
        var freshPolicies = await f.FreshNetworkPolicyVersionsAsync();
        Assert.Equal(pods.Count, freshPods.Count(p => p.Key.Namespace == "chaos"));

        await f.WaitUntilAsync(
            s => Same(ClusterFixture.Versions(s.Pods, p => p.Meta.ResourceVersion), freshPods) &&
                 Same(ClusterFixture.Versions(s.NetworkPolicies, p => p.Meta.ResourceVersion), freshPolicies),
            TimeSpan.FromSeconds(30), "the cache equals a fresh list (no stale, missing or outdated entries)");
    }

    private static bool Same(Dictionary<ObjectKey, string?> cached, Dictionary<ObjectKey, string?> fresh) =>
        cached.Count == fresh.Count && fresh.All(p => cached.TryGetValue(p.Key, out var v) && v == p.Value);

    private static async Task InjectFaultAsync(ClusterFixture f, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                f.Server.Faults.EndAllWatches();
                break;
            case 1:
                f.Server.Faults.ExpireHistory();
                f.Server.Faults.EndAllWatches();
                break;
            case 2:
                f.Server.Faults.StallWatches(true);
                break;
            case 3:
                f.Server.Faults.StallWatches(false);
                break;
            default:
                await f.Server.Faults.RefuseConnectionsForAsync(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
                break;
        }
    }

    private static async Task RandomWriteAsync(ClusterFixture f, Random random, HashSet<string> pods, HashSet<string> policies, int op)
    {
        var roll = random.Next(100);
        if (roll < 45 || pods.Count == 0)
        {
            var name = $"pod-{op}";
            await f.CreatePodAsync("chaos", name, new Dictionary<string, string> { ["app"] = $"a{random.Next(5)}" });
            pods.Add(name);
        }
        else if (roll < 65)
        {
            var name = pods.ElementAt(random.Next(pods.Count));
            var patch = new V1Patch("{\"metadata\":{\"labels\":{\"rev\":\"r" + op + "\"}}}", V1Patch.PatchType.MergePatch);
            await f.Client.CoreV1.PatchNamespacedPodAsync(patch, name, "chaos", cancellationToken: TestContext.Current.CancellationToken);
        }
        else if (roll < 85)
        {
            var name = pods.ElementAt(random.Next(pods.Count));
            await f.DeletePodAsync("chaos", name);
            pods.Remove(name);
        }
        else if (roll < 95 || policies.Count == 0)
        {
            var name = $"np-{op}";
            await f.Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(
                new V1NetworkPolicy
                {
                    Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "chaos" },
                    Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = $"a{random.Next(5)}" } } },
                },
                "chaos",
                cancellationToken: TestContext.Current.CancellationToken);
            policies.Add(name);
        }
        else
        {
            var name = policies.ElementAt(random.Next(policies.Count));
            await f.DeleteAsync(PolicyDashboard.Kube.Convert.ResourceKinds.NetworkPolicies, "chaos", name);
            policies.Remove(name);
        }
    }
}
