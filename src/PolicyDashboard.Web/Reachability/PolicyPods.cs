using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Web.Analysis;

namespace PolicyDashboard.Web.Reachability;

/// <summary>
/// The pods a policy selects, from the shared result: a NetworkPolicy selects the pods it isolates (it always isolates
/// for at least one direction), an admin-tier policy the pods it is a subject of. Host-network pods are never selected.
/// </summary>
public static class PolicyPods
{
    public static IReadOnlyList<PodInfo> SelectedBy(AnalysisResult analysis, PolicyRef policy)
    {
        var reach = analysis.Result.Reachability;
        var pods = new List<PodInfo>();
        var classes = reach.Partition.Classes;
        for (var c = 0; c < classes.Length; c++)
        {
            var cls = classes[c];
            if (cls.Members.IsEmpty || !Selects(reach.IngressOf(c), policy) && !Selects(reach.EgressOf(c), policy)) continue;
            foreach (var member in cls.Members) pods.Add(reach.Partition.Pods[member]);
        }
        pods.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            return c != 0 ? c : Inventory.NaturalStringComparer.Instance.Compare(a.Name, b.Name);
        });
        return pods;
    }

    private static bool Selects(Core.Reachability.Fast.DirectionProgram program, PolicyRef policy) => policy.Tier switch
    {
        PolicyTier.NetworkPolicy => program.IsolatedBy.Contains(policy),
        PolicyTier.Admin => program.AdminPolicies.Any(m => m.Policy == policy),
        _ => program.BaselinePolicies.Any(m => m.Policy == policy),
    };
}
