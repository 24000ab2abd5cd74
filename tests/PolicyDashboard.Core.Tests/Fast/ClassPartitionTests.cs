using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability.Fast;
using PolicyDashboard.Core.Scenarios;

namespace PolicyDashboard.Core.Tests.Fast;

/// <summary>
/// The partition's class keys: pods share a class exactly when no policy can tell them apart, and a build gives the
/// same classes and programs however its steps were spread over threads.
/// </summary>
public sealed class ClassPartitionTests
{
    private static PodInfo Pod(string name, string ns, Labels labels, ImmutableArray<ContainerPort> ports = default, string ip = "10.0.0.1") =>
        new(new ObjectMeta(name, ns, Labels: labels), [ip], ports.IsDefault ? [] : ports);

    private static NetworkPolicyInfo Policy(string ns, LabelSelector podSelector, params NetworkPolicyRule[] ingress) =>
        new(new ObjectMeta("p", ns), podSelector, null, [.. ingress], []);

    private static ClassPartition PartitionOf(NetworkPolicyInfo policy, params PodInfo[] pods)
    {
        var snapshot = ClusterSnapshot.Empty with
        {
            Pods = pods.ToImmutableDictionary(p => p.Key),
            NetworkPolicies = ClusterSnapshot.Empty.NetworkPolicies.Add(policy.Key, policy),
        };
        return FastReachability.Build(snapshot).Partition;
    }

    private static int ClassOf(ClassPartition partition, PodInfo pod) =>
        partition.TryGetPodIndex(pod.Key, out var i) ? partition.ClassOfPod(i) : throw new InvalidOperationException(pod.Name);

    private static readonly LabelSelector AppSelector = new(Labels.Of(("app", "web")), []);

    [Fact]
    public void Partition_PodsDifferingOnlyInALabelNoSelectorReads_ShareAClass()
    {
        var a = Pod("a", "ns", Labels.Of(("app", "web"), ("pod-template-hash", "x1")));
        var b = Pod("b", "ns", Labels.Of(("pod-template-hash", "x2"), ("app", "web")), ip: "10.0.0.2");
        var partition = PartitionOf(Policy("ns", AppSelector), a, b);

        Assert.Equal(ClassOf(partition, a), ClassOf(partition, b));
        Assert.Equal("app=web", partition.Classes[ClassOf(partition, a)].Labels.ToString());
    }

    [Fact]
    public void Partition_PodsDifferingInAReadLabelOrNamespace_AreSplit()
    {
        var web = Pod("a", "ns", Labels.Of(("app", "web")));
        var db = Pod("b", "ns", Labels.Of(("app", "db")));
        var unlabelled = Pod("c", "ns", Labels.Empty);
        var elsewhere = Pod("d", "other", Labels.Of(("app", "web")));
        var partition = PartitionOf(Policy("ns", AppSelector), web, db, unlabelled, elsewhere);

        Assert.Equal(4, partition.ClassCount);
    }

    [Fact]
    public void Partition_ValuesThatWouldConcatenateAlike_AreSplit()
    {
        // The key compares each read label on its own, whatever characters the values contain.
        var selector = new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("x", "Exists", []), new LabelSelectorRequirement("y", "Exists", [])]);
        var first = Pod("a", "ns", Labels.Of(("x", "a"), ("y", "b=c")));
        var second = Pod("b", "ns", Labels.Of(("x", "a=b"), ("y", "c")));
        var partition = PartitionOf(Policy("ns", selector), first, second);

        Assert.NotEqual(ClassOf(partition, first), ClassOf(partition, second));
    }

    [Fact]
    public void Partition_SameNamedPortsListedInAnotherOrder_ShareAClass()
    {
        var rule = new NetworkPolicyRule([], [new NetworkPolicyPort("TCP", IntOrString.Of("http"), null), new NetworkPolicyPort("TCP", IntOrString.Of("metrics"), null)]);
        var a = Pod("a", "ns", Labels.Empty, [new("http", 8080), new("metrics", 9090)]);
        var b = Pod("b", "ns", Labels.Empty, [new("metrics", 9090, Container: "sidecar"), new("http", 8080)], "10.0.0.2");
        var c = Pod("c", "ns", Labels.Empty, [new("http", 8081), new("metrics", 9090)], "10.0.0.3");
        var partition = PartitionOf(Policy("ns", LabelSelector.Everything, rule), a, b, c);

        Assert.Equal(ClassOf(partition, a), ClassOf(partition, b));
        Assert.NotEqual(ClassOf(partition, a), ClassOf(partition, c));
    }

    [Fact]
    public void Build_SameSnapshotTwice_GivesTheSameClassesAndPrograms()
    {
        // Large enough for the policies to compile in several steps on two threads.
        var snapshot = ScaleScenario.Generate(new ScaleScenarioOptions { Pods = 5_000, Namespaces = 120, Policies = 1_500, Seed = 7 }).ToSnapshot();
        var first = FastReachability.Build(snapshot);
        var second = FastReachability.Build(snapshot);

        Assert.Equal(first.Partition.ClassCount, second.Partition.ClassCount);
        Assert.Equal(first.Partition.Pods, second.Partition.Pods);
        for (var c = 0; c < first.Partition.ClassCount; c++)
        {
            Assert.Equal(first.Partition.Classes[c].Members, second.Partition.Classes[c].Members);
            Assert.Equal(Describe(first.IngressOf(c)), Describe(second.IngressOf(c)));
            Assert.Equal(Describe(first.EgressOf(c)), Describe(second.EgressOf(c)));
        }
    }

    [Fact]
    public void Build_ClusterKeyedInTwoHalves_EveryClassHoldsExactlyThePodsWithItsKey()
    {
        var snapshot = ScaleScenario.Generate(new ScaleScenarioOptions { Pods = 33_000, Namespaces = 300, Policies = 600, Seed = 11 }).ToSnapshot();
        var partition = FastReachability.Build(snapshot).Partition;

        // What a class stands for: namespace, the labels selectors read, named ports, address presence (no ipBlocks here).
        string KeyOf(PodInfo pod, PodClass c) =>
            $"{pod.Namespace}|{string.Join(",", c.Labels.Keys.Order(StringComparer.Ordinal).Select(k => pod.Labels.TryGetValue(k, out var v) ? $"{k}={v}" : k))}|{pod.Labels.Count(l => c.Labels.ContainsKey(l.Key))}";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in partition.Classes)
        {
            var own = KeyOf(c.Representative, c);
            Assert.True(keys.Add(own + "|" + string.Join(",", c.NamedPorts)), $"two classes for {own}");
            Assert.Equal(c.Labels.Count, c.Representative.Labels.Count(l => c.Labels.ContainsKey(l.Key)));
            foreach (var m in c.Members)
            {
                Assert.Equal(c.Id, partition.ClassOfPod(m));
                Assert.Equal(own, KeyOf(partition.Pods[m], c));
            }
        }
        Assert.Equal(snapshot.Pods.Count, partition.Classes.Sum(c => c.Members.Length));
    }

    private static string Describe(DirectionProgram p) =>
        string.Join(";", p.Admin.Concat(p.NetworkPolicy).Concat(p.Baseline).Select(r => $"{r.Policy}:{r.Rule}:{string.Join(" ", r.Peers.Select(p => string.Join(",", p.Pods.Ids())))}")) + "|" + string.Join(",", p.IsolatedBy);
}
