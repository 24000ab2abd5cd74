using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>
/// A NetworkPolicy as the visual builder edits it. It converts both ways with the policy model, so the builder and
/// the YAML editor stay one draft: what the builder does not show (the object's labels, annotations and the
/// resourceVersion an edit was loaded at) is carried through unchanged.
/// </summary>
public sealed class PolicyForm
{
    public string Name { get; set; } = "";
    public string Namespace { get; set; } = "";
    public SelectorForm Target { get; set; } = new();
    public bool Ingress { get; set; } = true;
    public bool Egress { get; set; }

    /// <summary>
    /// False while spec.policyTypes is left to the API's default (Ingress, plus Egress when there are egress rules);
    /// ticking a type writes the list explicitly.
    /// </summary>
    public bool PolicyTypesExplicit { get; set; }

    public List<RuleForm> IngressRules { get; } = [];
    public List<RuleForm> EgressRules { get; } = [];

    /// <summary>Metadata the builder does not edit, kept as loaded.</summary>
    public ObjectMeta? Carried { get; set; }

    public static PolicyForm New(string ns) => new() { Name = "", Namespace = ns };

    public static PolicyForm From(NetworkPolicyInfo policy)
    {
        var explicitTypes = policy.PolicyTypes is not null;
        var types = policy.PolicyTypes ?? (policy.Egress.IsDefaultOrEmpty ? [PolicyType.Ingress] : [PolicyType.Ingress, PolicyType.Egress]);
        var form = new PolicyForm
        {
            Name = policy.Name,
            Namespace = policy.Namespace,
            Target = SelectorForm.From(policy.PodSelector),
            Ingress = types.Contains(PolicyType.Ingress),
            Egress = types.Contains(PolicyType.Egress),
            PolicyTypesExplicit = explicitTypes,
            Carried = policy.Meta,
        };
        if (!policy.Ingress.IsDefault) form.IngressRules.AddRange(policy.Ingress.Select(RuleForm.From));
        if (!policy.Egress.IsDefault) form.EgressRules.AddRange(policy.Egress.Select(RuleForm.From));
        return form;
    }

    /// <summary>The policy the form describes; values that cannot be API values are left out and listed in <paramref name="errors"/>.</summary>
    public NetworkPolicyInfo ToPolicy(IList<FormError> errors)
    {
        var meta = (Carried ?? new ObjectMeta(Name, Namespace)) with { Name = Name.Trim(), Namespace = Namespace.Trim() };
        ImmutableArray<PolicyType>? types = PolicyTypesExplicit
            ? [.. new[] { (Ingress, PolicyType.Ingress), (Egress, PolicyType.Egress) }.Where(t => t.Item1).Select(t => t.Item2)]
            : null;
        return new NetworkPolicyInfo(meta, Target.ToSelector(), types,
            [.. IngressRules.Select((r, i) => r.ToRule($"spec.ingress[{i}]", errors))],
            [.. EgressRules.Select((r, i) => r.ToRule($"spec.egress[{i}]", errors))]);
    }

    /// <summary>Whether the policy isolates for ingress: always, while policyTypes is defaulted.</summary>
    public bool EffectiveIngress => !PolicyTypesExplicit || Ingress;

    /// <summary>Whether the policy isolates for egress: while policyTypes is defaulted, exactly when it has egress rules.</summary>
    public bool EffectiveEgress => PolicyTypesExplicit ? Egress : EgressRules.Count > 0;

    /// <summary>Sets a policy type explicitly: from then on spec.policyTypes is written as shown.</summary>
    public void SetType(PolicyType type, bool on)
    {
        if (!PolicyTypesExplicit) (Ingress, Egress, PolicyTypesExplicit) = (EffectiveIngress, EffectiveEgress, true);
        if (type == PolicyType.Ingress) Ingress = on; else Egress = on;
    }
}
