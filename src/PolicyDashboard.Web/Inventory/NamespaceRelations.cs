using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Web.Inventory;

/// <summary>An admin-tier policy whose subject reaches into a namespace, and how.</summary>
public sealed record AdminPolicyReach(AdminPolicyInfo Policy, string How);

public sealed record NamespaceView(
    int Pods,
    int Services,
    int Ingresses,
    IReadOnlyList<NetworkPolicyInfo> NetworkPolicies,
    IReadOnlyList<AdminPolicyReach> AdminPolicies);

public static class NamespaceRelations
{
    public static NamespaceView For(ClusterSnapshot snapshot, NamespaceInfo ns)
    {
        var name = ns.Name;
        var policies = snapshot.NetworkPolicies.Values.Where(p => p.Namespace == name).ToList();
        policies.Sort(Compare.Natural<NetworkPolicyInfo>(p => p.Name));
        var admin = snapshot.AdminPolicies.Values
            .Select(p => Reach(p, ns))
            .OfType<AdminPolicyReach>()
            .OrderBy(r => r.Policy.Tier).ThenBy(r => r.Policy.Priority ?? int.MaxValue)
            .ThenBy(r => r.Policy.Name, NaturalStringComparer.Instance)
            .ToList();
        return new NamespaceView(
            snapshot.Pods.Keys.Count(k => k.Namespace == name),
            snapshot.Services.Keys.Count(k => k.Namespace == name),
            snapshot.Ingresses.Keys.Count(k => k.Namespace == name),
            policies,
            admin);
    }

    /// <summary>
    /// AdminNetworkPolicySubject: "namespaces" selects every pod in the matching namespaces; "pods" selects pods by
    /// a namespace selector and a pod selector together. A policy reaches this namespace when its namespace
    /// selector matches the namespace's labels.
    /// </summary>
    private static AdminPolicyReach? Reach(AdminPolicyInfo policy, NamespaceInfo ns)
    {
        var subject = policy.Subject;
        if (subject.Namespaces is { } namespaces)
            return LabelSelectorMatcher.Compile(namespaces).Matches(ns.Labels) ? new(policy, "all pods in this namespace") : null;
        if (subject.Pods is { } pods)
            return LabelSelectorMatcher.Compile(pods.NamespaceSelector).Matches(ns.Labels)
                ? new(policy, $"pods {SpecText.Selector(pods.PodSelector)} in this namespace")
                : null;
        return null;
    }
}
