using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// PD007, judged on the cluster as it is (peers resolved to today's pods and nodes):
/// <list type="bullet">
/// <item>NetworkPolicy rules add up ("the ingress rules for each are combined additively"), so a rule is redundant
/// when another rule of the same direction, in a policy of the same namespace that selects at least the same pods,
/// matches every peer and port it matches. Of two identical rules the later one is reported. A policy is fully
/// shadowed when all its rules are, and every pod it selects is isolated in each of its directions by another
/// policy too: deleting it changes nothing.</item>
/// <item>Admin tiers stop at the first matching rule ("rules in order … first match wins", ascending priority), so a
/// rule is never reached when an earlier rule — earlier in the same policy, or in a policy of strictly lower
/// priority in the same tier whose subject contains this one's — matches every peer and port it matches.</item>
/// </list>
/// </summary>
internal sealed class ShadowedCheck : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context) => NetworkPolicies(context).Concat(AdminPolicies(context));

    private sealed record NpRule(NetworkPolicyInfo Policy, int Order, PolicyType Direction, int Index, NetworkPolicyRule Rule, HashSet<ObjectKey> Selected, RuleCoverage.Peers Peers);

    private static IEnumerable<LintFinding> NetworkPolicies(LintContext context)
    {
        var policies = context.NetworkPolicies;
        var selected = policies.ToDictionary(p => p.Key, p => context.SelectedBy(p).Select(x => x.Key).ToHashSet());
        var rules = new List<NpRule>();
        for (var order = 0; order < policies.Length; order++)
        {
            var p = policies[order];
            foreach (var (direction, list) in new[] { (PolicyType.Ingress, p.Ingress), (PolicyType.Egress, p.Egress) })
                if (LintContext.Affects(p, direction) && !list.IsDefault)
                    for (var i = 0; i < list.Length; i++)
                        rules.Add(new NpRule(p, order, direction, i, list[i], selected[p.Key], RuleCoverage.Resolve(context, list[i], p.Namespace)));
        }

        var shadowedBy = new Dictionary<NpRule, NpRule>();
        var byScope = rules.ToLookup(r => (r.Policy.Namespace, r.Direction));
        foreach (var r in rules)
        {
            if (r.Selected.Count == 0 || r.Peers.MatchesNothing) continue;
            foreach (var o in byScope[(r.Policy.Namespace, r.Direction)])
            {
                if (ReferenceEquals(o, r) || !r.Selected.IsSubsetOf(o.Selected)) continue;
                if (!RuleCoverage.Covers(o.Peers, r.Peers) || !RuleCoverage.Covers(o.Rule.Ports, r.Rule.Ports)) continue;
                var mutual = o.Selected.IsSubsetOf(r.Selected) && RuleCoverage.Covers(r.Peers, o.Peers) && RuleCoverage.Covers(r.Rule.Ports, o.Rule.Ports);
                if (mutual && (o.Order, o.Direction, o.Index).CompareTo((r.Order, r.Direction, r.Index)) > 0) continue;
                shadowedBy[r] = o;
                break;
            }
        }

        var ownRules = rules.ToLookup(r => r.Policy.Key);
        foreach (var p in policies)
        {
            var own = ownRules[p.Key].ToList();
            var sel = selected[p.Key];
            var directions = new[] { PolicyType.Ingress, PolicyType.Egress }.Where(d => LintContext.Affects(p, d)).ToList();
            var fully = sel.Count > 0 && own.All(shadowedBy.ContainsKey) && directions.All(d =>
                context.PoliciesIn(p.Namespace).Any(q => q != p && LintContext.Affects(q, d) && sel.IsSubsetOf(selected[q.Key])));
            if (fully)
            {
                // A policy without rules only isolates. Redundant today, it still isolates pods created later that the
                // other policies would not select: information, not a warning.
                var isolatesOnly = own.Count == 0;
                var others = context.PoliciesIn(p.Namespace).Where(q => q != p && directions.Any(d => LintContext.Affects(q, d)) && sel.IsSubsetOf(selected[q.Key]));
                yield return new LintFinding(LintCodes.Shadowed, isolatesOnly ? LintSeverity.Info : LintSeverity.Warning,
                    isolatesOnly
                        ? $"NetworkPolicy {p.Key} changes nothing today: every pod it selects is already isolated by other policies (it still isolates pods they would not select)."
                        : $"NetworkPolicy {p.Key} is fully shadowed: other policies already isolate every pod it selects and allow everything it allows.",
                    [LintObject.For(p), .. own.Select(r => LintObject.For(shadowedBy[r].Policy)).Concat(isolatesOnly ? others.Select(LintObject.For) : []).Distinct()]);
                continue;
            }
            foreach (var r in own.Where(shadowedBy.ContainsKey))
            {
                var o = shadowedBy[r];
                var dir = r.Direction == PolicyType.Ingress ? "ingress" : "egress";
                var by = o.Policy == p ? $"{dir} rule {o.Index} of the same policy" : $"{dir} rule {o.Index} of NetworkPolicy {o.Policy.Key}";
                yield return new LintFinding(LintCodes.Shadowed, LintSeverity.Warning,
                    $"NetworkPolicy {p.Key}: {dir} rule {r.Index} allows nothing that {by} does not already allow.",
                    o.Policy == p ? [LintObject.For(p)] : [LintObject.For(p), LintObject.For(o.Policy)], $"spec.{dir}[{r.Index}]");
            }
        }
    }

    private sealed record AdminRuleRef(AdminPolicyInfo Policy, bool Egress, int Index, AdminRule Rule, HashSet<ObjectKey> Subject, RuleCoverage.Peers Peers);

    private static IEnumerable<LintFinding> AdminPolicies(LintContext context)
    {
        foreach (var tier in context.AdminPolicies.GroupBy(p => (p.Kind, p.Tier)))
        {
            var ordered = tier.OrderBy(p => p.Priority ?? 0).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            var subjects = ordered.ToDictionary(p => p.Key, p => context.SubjectPods(p.Subject).Select(x => x.Key).ToHashSet());
            foreach (var egress in new[] { false, true })
            {
                var rules = new List<AdminRuleRef>();
                foreach (var p in ordered)
                {
                    var list = egress ? p.Egress : p.Ingress;
                    if (list.IsDefault) continue;
                    for (var i = 0; i < list.Length; i++)
                        rules.Add(new AdminRuleRef(p, egress, i, list[i], subjects[p.Key], RuleCoverage.Resolve(context, list[i])));
                }
                foreach (var r in rules)
                {
                    if (r.Subject.Count == 0 || r.Peers.MatchesNothing) continue;
                    var earlier = rules.FirstOrDefault(o =>
                        (o.Policy == r.Policy ? o.Index < r.Index : o.Policy.Priority < r.Policy.Priority) &&
                        r.Subject.IsSubsetOf(o.Subject) &&
                        RuleCoverage.Covers(o.Peers, r.Peers) && RuleCoverage.Covers(o.Rule.Ports, r.Rule.Ports));
                    if (earlier is null) continue;
                    var dir = egress ? "egress" : "ingress";
                    var name = PeerMatchesNothingCheck.RuleName(r.Rule, r.Index);
                    var by = earlier.Policy == r.Policy ? $"{dir} rule {PeerMatchesNothingCheck.RuleName(earlier.Rule, earlier.Index)} of the same policy"
                                                        : $"{dir} rule {PeerMatchesNothingCheck.RuleName(earlier.Rule, earlier.Index)} of {earlier.Policy.Key} (priority {earlier.Policy.Priority})";
                    yield return new LintFinding(LintCodes.Shadowed, LintSeverity.Warning,
                        $"{r.Policy.Key}: {dir} rule {name} is never reached: {by} matches every connection it matches first.",
                        earlier.Policy == r.Policy ? [LintObject.For(r.Policy)] : [LintObject.For(r.Policy), LintObject.For(earlier.Policy)],
                        $"spec.{dir}[{r.Index}]");
                }
            }
        }
    }
}
