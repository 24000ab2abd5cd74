using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>
/// Admin-tier rules the CRD schema does not enforce:
/// PD010 — v1alpha1 ports take any protocol string, but only TCP, UDP and SCTP are meaningful;
/// PD011 — "If two (or more) policies with the same priority could both match a connection, then the
/// implementation can apply any of the matching policies": same-tier, same-priority policies sharing subject pods;
/// PD012 — selectors are plain strings in the schema, so an invalid operator or key reaches the cluster and
/// implementations cannot evaluate it.
/// </summary>
internal sealed class AdminPolicyChecks : ILintCheck
{
    public IEnumerable<LintFinding> Run(LintContext context)
    {
        foreach (var policy in context.AdminPolicies)
        {
            foreach (var f in Protocols(policy)) yield return f;
            foreach (var f in Selectors(context, policy)) yield return f;
        }

        var ranked = context.AdminPolicies
            .Where(p => p.Priority is not null && p.Kind != AdminPolicyKind.BaselineAdminNetworkPolicy)
            .Select(p => (Policy: p, Subject: context.SubjectPods(p.Subject).Select(x => x.Key).ToHashSet()))
            .ToList();
        for (var a = 0; a < ranked.Count; a++)
            for (var b = a + 1; b < ranked.Count; b++)
            {
                var (x, y) = (ranked[a], ranked[b]);
                if (x.Policy.Priority != y.Policy.Priority || x.Policy.Tier != y.Policy.Tier) continue;
                var shared = x.Subject.Count(y.Subject.Contains);
                if (shared == 0) continue;
                yield return new LintFinding(LintCodes.AdminSamePriorityOverlap, LintSeverity.Warning,
                    $"{x.Policy.Key} and {y.Policy.Key} have the same priority {x.Policy.Priority} in the {x.Policy.Tier} tier and both apply to {shared} pod{(shared == 1 ? "" : "s")}; which one decides a connection both match is undefined.",
                    [LintObject.For(x.Policy), LintObject.For(y.Policy)], "spec.priority");
            }
    }

    private static IEnumerable<LintFinding> Protocols(AdminPolicyInfo policy)
    {
        var field = LintContext.PortsField(policy);
        foreach (var (rules, path) in new[] { (policy.Ingress, "spec.ingress"), (policy.Egress, "spec.egress") })
        {
            if (rules.IsDefault) continue;
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Ports is not { IsDefault: false } ports) continue;
                for (var j = 0; j < ports.Length; j++)
                {
                    var protocol = ports[j] switch
                    {
                        AdminPort.Number n => n.Protocol,
                        AdminPort.Range r => r.Protocol,
                        _ => null,
                    };
                    if (protocol is not null && !ProtocolNames.TryParse(protocol, out _))
                        yield return new LintFinding(LintCodes.AdminProtocolUnsupported, LintSeverity.Warning,
                            $"{policy.Key}: protocol '{protocol}' is not TCP, UDP or SCTP; the schema accepts it but no connection matches it.",
                            [LintObject.For(policy)], $"{path}[{i}].{field}[{j}]");
                }
            }
        }
    }

    private static IEnumerable<LintFinding> Selectors(LintContext context, AdminPolicyInfo policy)
    {
        var selectors = new List<(string Path, LabelSelector Selector)>();
        Add(selectors, "spec.subject.namespaces", policy.Subject.Namespaces);
        AddPods(selectors, "spec.subject.pods", policy.Subject.Pods);
        foreach (var (rules, path, field) in new[] { (policy.Ingress, "spec.ingress", "from"), (policy.Egress, "spec.egress", "to") })
        {
            if (rules.IsDefault) continue;
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Peers.IsDefault) continue;
                for (var j = 0; j < rules[i].Peers.Length; j++)
                {
                    var peer = rules[i].Peers[j];
                    var at = $"{path}[{i}].{field}[{j}]";
                    Add(selectors, at + ".namespaces", peer.Namespaces);
                    AddPods(selectors, at + ".pods", peer.Pods);
                    Add(selectors, at + ".nodes", peer.Nodes);
                }
            }
        }
        foreach (var (path, selector) in selectors)
            foreach (var issue in context.Compile(selector).Issues)
                yield return new LintFinding(LintCodes.AdminSelectorInvalid, LintSeverity.Error,
                    $"{policy.Key}: {issue.Message}; the selector cannot be evaluated and matches nothing.",
                    [LintObject.For(policy)], issue.Field.Length == 0 ? path : $"{path}.{issue.Field}");
    }

    private static void Add(List<(string, LabelSelector)> list, string path, LabelSelector? selector)
    {
        if (selector is not null) list.Add((path, selector));
    }

    private static void AddPods(List<(string, LabelSelector)> list, string path, NamespacedPodSelector? pods)
    {
        if (pods is null) return;
        list.Add((path + ".namespaceSelector", pods.NamespaceSelector));
        list.Add((path + ".podSelector", pods.PodSelector));
    }
}
