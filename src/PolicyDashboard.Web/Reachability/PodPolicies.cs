using PolicyDashboard.Core.Policies;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Reachability;

/// <summary>A policy that selects a pod, and for which directions it does.</summary>
public sealed record SelectingPolicy(PolicyRef Policy, bool Ingress, bool Egress);

/// <summary>
/// Which policies apply to a pod and whether it is isolated. "A pod is isolated for ingress (egress) if there is any
/// NetworkPolicy that both selects the pod and has Ingress (Egress) in its policyTypes" — the admin tiers select pods
/// too but never isolate them: what they do not decide falls through to the next tier.
/// </summary>
public sealed record PodPolicyView(bool IngressIsolated, bool EgressIsolated, IReadOnlyList<SelectingPolicy> Policies, bool HostNetwork)
{
    /// <summary>Read from the shared result: the direction programs of the pod's class list every selecting policy.</summary>
    public static PodPolicyView? For(AnalysisResult analysis, int podIndex)
    {
        if (podIndex < 0) return null;
        var reach = analysis.Result.Reachability;
        var pod = reach.Partition.Pods[podIndex];
        var classId = reach.Partition.ClassOfPod(podIndex);
        var ingress = reach.IngressOf(classId);
        var egress = reach.EgressOf(classId);

        var policies = new Dictionary<PolicyRef, (bool Ingress, bool Egress)>();
        void Add(PolicyRef policy, bool isIngress)
        {
            var (i, e) = policies.GetValueOrDefault(policy);
            policies[policy] = isIngress ? (true, e) : (i, true);
        }
        foreach (var (program, isIngress) in new[] { (ingress, true), (egress, false) })
        {
            foreach (var m in program.AdminPolicies) Add(m.Policy, isIngress);
            foreach (var p in program.IsolatedBy) Add(p, isIngress);
            foreach (var m in program.BaselinePolicies) Add(m.Policy, isIngress);
        }
        var ordered = policies
            .Select(p => new SelectingPolicy(p.Key, p.Value.Ingress, p.Value.Egress))
            .OrderBy(p => p.Policy.Tier).ThenBy(p => p.Policy.Priority ?? 0).ThenBy(p => p.Policy.ToString(), StringComparer.Ordinal)
            .ToList();
        return new PodPolicyView(ingress.Isolated, egress.Isolated, ordered, pod.HostNetwork);
    }
}
