using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD006: "By default, a pod is non-isolated for both ingress and egress": a namespace whose pods no
/// NetworkPolicy selects and no admin-tier policy has as subject accepts traffic from everywhere.
/// </summary>
internal sealed class NamespaceNotIsolatedCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        var adminSubjects = context.AdminPolicies.SelectMany(p => context.SubjectPods(p.Subject)).Select(p => p.Key).ToHashSet();
        foreach (var ns in context.NamespaceNames)
        {
            var pods = context.PodsIn(ns);
            if (pods.IsEmpty) continue;
            var policies = context.PoliciesIn(ns).ToList();
            var isolated = pods.Any(pod => adminSubjects.Contains(pod.Key) ||
                policies.Any(p => context.Compile(p.PodSelector).Matches(pod.Labels) &&
                                  (LintContext.Affects(p, PolicyType.Ingress) || LintContext.Affects(p, PolicyType.Egress))));
            if (!isolated)
                yield return new LintFinding(LintCodes.NamespaceNotIsolated, LintSeverity.Warning,
                    $"Namespace {ns} has {pods.Length} pod{(pods.Length == 1 ? "" : "s")} and no policy isolates any of them: every pod accepts traffic from anywhere and may send anywhere.",
                    [LintObject.Namespace(ns)]);
        }
    }
}
