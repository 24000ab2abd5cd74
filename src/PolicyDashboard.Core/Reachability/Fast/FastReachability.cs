using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Full reachability of one snapshot at class level: the pod partition, and per class and direction the program
/// of rules deciding it. Any (pod, pod, port) or (pod, address, port) question is answered from here without
/// visiting other pods or policies; whole-cluster questions (allowed pairs per port, per namespace, per workload)
/// are answered by <see cref="ReachabilityResult"/>. Immutable: <see cref="Apply"/> returns a new instance sharing
/// whatever the change did not touch.
/// </summary>
public sealed partial class FastReachability
{
    private FastReachability(
        ClusterSnapshot snapshot,
        ClassPartition partition,
        DirectionProgram[] ingress,
        DirectionProgram[] egress,
        ImmutableDictionary<string, CompiledFastPolicy> policies,
        SelectorResolver resolver,
        NodeIndex nodes,
        int nextRuleId)
    {
        Snapshot = snapshot;
        Partition = partition;
        Ingress = ingress;
        Egress = egress;
        Policies = policies;
        Resolver = resolver;
        Nodes = nodes;
        NextRuleId = nextRuleId;
    }

    public ClusterSnapshot Snapshot { get; }
    public ClassPartition Partition { get; }
    internal DirectionProgram[] Ingress { get; }
    internal DirectionProgram[] Egress { get; }
    internal ImmutableDictionary<string, CompiledFastPolicy> Policies { get; }
    internal SelectorResolver Resolver { get; }
    internal NodeIndex Nodes { get; }
    internal int NextRuleId { get; }

    public DirectionProgram IngressOf(int classId) => Ingress[classId];
    public DirectionProgram EgressOf(int classId) => Egress[classId];

    /// <summary>
    /// Compiles every policy of the snapshot (with the reference compilers) and partitions its pods. The policies
    /// compile while the pods are tabled, on two cores when there are; nothing else runs in parallel, and the result
    /// does not depend on which thread ran what.
    /// </summary>
    public static FastReachability Build(ClusterSnapshot snapshot)
    {
        var nodes = new NodeIndex(snapshot);
        var networkPolicies = snapshot.NetworkPolicies.Values.ToArray();
        var adminPolicies = snapshot.AdminPolicies.Values.ToArray();
        var compiled = new object[networkPolicies.Length + adminPolicies.Length];
        var policyNeeds = new PartitionNeeds[compiled.Length];
        PodTable? pods = null;
        Dictionary<string, Labels>? namespaceLabels = null;
        var steps = new List<Action>(2 + compiled.Length / CompileChunk)
        {
            () =>
            {
                pods = new PodTable(snapshot);
                namespaceLabels = DeclaredNamespaceLabels(snapshot);
            },
        };
        for (var start = 0; start < compiled.Length; start += CompileChunk)
        {
            var (from, to) = (start, Math.Min(start + CompileChunk, compiled.Length));
            steps.Add(() =>
            {
                var issues = ImmutableArray.CreateBuilder<CompileIssue>();
                for (var i = from; i < to; i++)
                {
                    if (i < networkPolicies.Length)
                    {
                        var c = NetworkPolicyCompiler.Compile(networkPolicies[i], issues);
                        (compiled[i], policyNeeds[i]) = (c, NeedsCollector.Of(c, nodes));
                    }
                    else
                    {
                        var c = AdminPolicyCompiler.Compile(adminPolicies[i - networkPolicies.Length], issues);
                        (compiled[i], policyNeeds[i]) = (c, NeedsCollector.Of(c, nodes));
                    }
                }
            });
        }
        TwoCores.Run(steps);

        var needs = NeedsCollector.Union(policyNeeds);
        var partition = new ClassPartition(pods!, needs);
        AddPodOnlyNamespaces(namespaceLabels!, partition);
        var resolver = new SelectorResolver(partition, namespaceLabels!);
        var compiler = new PolicyCompiler(resolver, nodes, needs);
        var policies = ImmutableDictionary.CreateBuilder<string, CompiledFastPolicy>(StringComparer.Ordinal);
        for (var i = 0; i < compiled.Length; i++)
        {
            var fast = compiled[i] is CompiledNetworkPolicy np ? compiler.Translate(np, policyNeeds[i]) : compiler.Translate((CompiledAdminPolicy)compiled[i], policyNeeds[i]);
            policies[fast.Id] = fast;
        }

        var count = partition.ClassCount;
        var inAcc = new DirectionProgram.Builder?[count];
        var outAcc = new DirectionProgram.Builder?[count];
        foreach (var policy in policies.Values)
            foreach (var id in policy.Subjects.Ids())
            {
                (inAcc[id] ??= new()).Add(policy, Direction.Ingress);
                (outAcc[id] ??= new()).Add(policy, Direction.Egress);
            }
        return new FastReachability(snapshot, partition, Finish(inAcc), Finish(outAcc), policies.ToImmutable(), resolver, nodes, compiler.NextRuleId);
    }

    /// <summary>
    /// Namespace labels as selectors see them. The API server sets the immutable label
    /// <c>kubernetes.io/metadata.name</c> on every namespace; a namespace known only from its pods gets that label alone
    /// (the partition of the same snapshot knows every namespace that has pods).
    /// </summary>
    internal static Dictionary<string, Labels> NamespaceLabels(ClusterSnapshot snapshot, ClassPartition partition)
    {
        var result = DeclaredNamespaceLabels(snapshot);
        AddPodOnlyNamespaces(result, partition);
        return result;
    }

    private static Dictionary<string, Labels> DeclaredNamespaceLabels(ClusterSnapshot snapshot)
    {
        var result = new Dictionary<string, Labels>(snapshot.Namespaces.Count, StringComparer.Ordinal);
        foreach (var ns in snapshot.Namespaces.Values)
            result[ns.Name] = ns.Labels.ContainsKey(MetadataNameLabel) ? ns.Labels : ns.Labels.With(MetadataNameLabel, ns.Name);
        return result;
    }

    private static void AddPodOnlyNamespaces(Dictionary<string, Labels> labels, ClassPartition partition)
    {
        foreach (var ns in partition.ClassesByNamespace.Keys)
            if (!labels.ContainsKey(ns)) labels[ns] = Labels.Of((MetadataNameLabel, ns));
    }

    /// <summary>Policies per compile step: small enough to share the work between two threads evenly.</summary>
    private const int CompileChunk = 256;

    internal const string MetadataNameLabel = "kubernetes.io/metadata.name";

    private static DirectionProgram[] Finish(DirectionProgram.Builder?[] acc)
    {
        var programs = new DirectionProgram[acc.Length];
        var interned = new Dictionary<DirectionProgram, DirectionProgram>(DirectionProgram.ContentComparer.Instance);
        for (var i = 0; i < acc.Length; i++)
            programs[i] = acc[i] is { } b ? Intern(DirectionProgram.Create(b), interned) : DirectionProgram.Open;
        return programs;
    }

    private static DirectionProgram Intern(DirectionProgram program, Dictionary<DirectionProgram, DirectionProgram> interned)
    {
        if (program.IsOpen) return DirectionProgram.Open;
        if (!interned.TryGetValue(program, out var shared)) interned[program] = shared = program;
        return shared;
    }
}
