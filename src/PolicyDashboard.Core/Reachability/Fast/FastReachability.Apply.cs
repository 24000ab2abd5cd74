using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

public sealed partial class FastReachability
{
    /// <summary>
    /// The result for <paramref name="next"/>, which differs from <see cref="Snapshot"/> by <paramref name="change"/>.
    /// A policy change recompiles that policy alone and rewrites the programs of the classes it selected or selects; a
    /// pod that falls in an existing class only moves between member lists. Whatever would need new classes (a label
    /// key, port name or address range no policy used before, a pod unlike any other, a namespace relabelled under its
    /// pods, node changes) rebuilds from scratch.
    /// </summary>
    public FastReachability Apply(ClusterSnapshot next, ClusterChange change) => change switch
    {
        ClusterChange.NetworkPolicy np => ApplyPolicy(next, PolicyIdOf(np.Key), next.NetworkPolicies.GetValueOrDefault(np.Key) is { } p ? NetworkPolicyCompiler.Compile(p, ImmutableArray.CreateBuilder<CompileIssue>()) : null),
        ClusterChange.AdminPolicy ap => ApplyPolicy(next, PolicyIdOf(ap.Key), next.AdminPolicies.GetValueOrDefault(ap.Key) is { } p ? AdminPolicyCompiler.Compile(p, ImmutableArray.CreateBuilder<CompileIssue>()) : null),
        ClusterChange.Pod pod => ApplyPod(next, pod.Key),
        ClusterChange.Namespace ns => ApplyNamespace(next, ns.Name),
        _ => Build(next),
    };

    private static string PolicyIdOf(ObjectKey key) => PolicyCompiler.IdOf(new PolicyRef(PolicyKind.NetworkPolicy, key.Namespace, key.Name, PolicyTier.NetworkPolicy));

    private static string PolicyIdOf(AdminPolicyKey key) => PolicyCompiler.IdOf(new PolicyRef(key.Kind switch
    {
        AdminPolicyKind.AdminNetworkPolicy => PolicyKind.AdminNetworkPolicy,
        AdminPolicyKind.BaselineAdminNetworkPolicy => PolicyKind.BaselineAdminNetworkPolicy,
        _ => PolicyKind.ClusterNetworkPolicy,
    }, null, key.Name, PolicyTier.Admin));

    private FastReachability ApplyPolicy(ClusterSnapshot next, string id, object? compiled)
    {
        PartitionNeeds? needs = compiled switch
        {
            CompiledNetworkPolicy np => NeedsCollector.Of(np, Nodes),
            CompiledAdminPolicy ap => NeedsCollector.Of(ap, Nodes),
            _ => null,
        };
        if (needs is not null && !Partition.Needs.Covers(needs)) return Build(next);

        var compiler = new PolicyCompiler(Resolver, Nodes, Partition.Needs, NextRuleId);
        var fresh = compiled switch
        {
            CompiledNetworkPolicy np => compiler.Translate(np, needs!),
            CompiledAdminPolicy ap => compiler.Translate(ap, needs!),
            _ => null,
        };
        var old = Policies.GetValueOrDefault(id);
        var ingress = (DirectionProgram[])Ingress.Clone();
        var egress = (DirectionProgram[])Egress.Clone();
        // Classes sharing a program before share it after, as long as the policy treats them alike.
        var memo = new Dictionary<(DirectionProgram, bool, Direction), DirectionProgram>();
        var interned = new Dictionary<DirectionProgram, DirectionProgram>(DirectionProgram.ContentComparer.Instance);
        DirectionProgram Rewrite(DirectionProgram program, bool selected, Direction direction)
        {
            if (memo.TryGetValue((program, selected, direction), out var done)) return done;
            var b = program.ToBuilder(id);
            if (selected) b.Add(fresh!, direction);
            return memo[(program, selected, direction)] = Intern(DirectionProgram.Create(b), interned);
        }
        var affected = new HashSet<int>();
        if (old is not null) affected.UnionWith(old.Subjects.Ids());
        if (fresh is not null) affected.UnionWith(fresh.Subjects.Ids());
        foreach (var c in affected)
        {
            var selected = fresh is not null && fresh.Subjects.Contains(c);
            ingress[c] = Rewrite(ingress[c], selected, Direction.Ingress);
            egress[c] = Rewrite(egress[c], selected, Direction.Egress);
        }
        var policies = fresh is null ? Policies.Remove(id) : Policies.SetItem(id, fresh);
        return new FastReachability(next, Partition, ingress, egress, policies, Resolver, Nodes, compiler.NextRuleId);
    }

    private FastReachability ApplyPod(ClusterSnapshot next, ObjectKey key)
    {
        var pod = next.Pods.GetValueOrDefault(key);
        var target = -1;
        if (pod is not null)
        {
            // A pod in a namespace the result has never seen would change what namespace selectors match.
            if (!Resolver.NamespaceLabels.ContainsKey(pod.Namespace)) return Build(next);
            target = Partition.ExistingClassOf(pod);
            if (target < 0) return Build(next);
        }
        var partition = Partition.WithPod(key, pod, target);
        return new FastReachability(next, partition, Ingress, Egress, Policies, Resolver.WithPartition(partition), Nodes, NextRuleId);
    }

    private FastReachability ApplyNamespace(ClusterSnapshot next, string name)
    {
        var before = Snapshot.Namespaces.GetValueOrDefault(new ObjectKey("", name));
        var after = next.Namespaces.GetValueOrDefault(new ObjectKey("", name));
        var hasPods = Partition.ClassesByNamespace.ContainsKey(name) || next.Pods.Values.Any(p => p.Namespace == name);
        // Labels are what selectors see; a namespace without pods contributes no class to any set.
        if (!hasPods || (before is not null && after is not null && before.Labels.Equals(after.Labels)))
            return new FastReachability(next, Partition, Ingress, Egress, Policies, Resolver, Nodes, NextRuleId);
        return Build(next);
    }
}
