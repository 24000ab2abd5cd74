using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>
/// An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy as the builder edits it: cluster-scoped,
/// a priority (not for the baseline, of which there is one, named "default"), a subject (namespaces, or pods in
/// namespaces) and ordered rules whose first match decides. Converts both ways with the model, carrying the metadata
/// it does not show.
/// </summary>
public sealed class AdminPolicyForm
{
    public AdminPolicyKind Kind { get; set; } = AdminPolicyKind.AdminNetworkPolicy;

    /// <summary>ClusterNetworkPolicy's tier; the other kinds imply theirs.</summary>
    public AdminTier Tier { get; set; } = AdminTier.Admin;
    public string Name { get; set; } = "";
    public string Priority { get; set; } = "";

    /// <summary>True when the subject is pods (in namespaces), false when it is whole namespaces.</summary>
    public bool SubjectIsPods { get; set; }
    public SelectorForm SubjectNamespaces { get; set; } = new();
    public SelectorForm SubjectPods { get; set; } = new();
    public List<AdminRuleForm> IngressRules { get; } = [];
    public List<AdminRuleForm> EgressRules { get; } = [];
    public ObjectMeta? Carried { get; set; }

    public bool HasPriority => Kind != AdminPolicyKind.BaselineAdminNetworkPolicy;

    /// <summary>The actions the kind knows: ClusterNetworkPolicy (v1alpha2) accepts where the v1alpha1 kinds allow.</summary>
    public IReadOnlyList<string> Actions => Kind switch
    {
        AdminPolicyKind.ClusterNetworkPolicy => ["Accept", "Deny", "Pass"],
        AdminPolicyKind.BaselineAdminNetworkPolicy => ["Allow", "Deny"],
        _ => ["Allow", "Deny", "Pass"],
    };

    /// <summary>Where a rule's ports live: v1alpha1 <c>ports</c>, v1alpha2 <c>protocols</c>.</summary>
    public string PortsField => Kind == AdminPolicyKind.ClusterNetworkPolicy ? "protocols" : "ports";

    public static AdminPolicyForm New(AdminPolicyKind kind) => new()
    {
        Kind = kind,
        Tier = kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? AdminTier.Baseline : AdminTier.Admin,
        Name = kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? "default" : "",
        Priority = kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? "" : "10",
    };

    public static AdminPolicyForm From(AdminPolicyInfo policy)
    {
        var form = new AdminPolicyForm
        {
            Kind = policy.Kind,
            Tier = policy.Tier,
            Name = policy.Name,
            Priority = policy.Priority?.ToString(CultureInfo.InvariantCulture) ?? "",
            SubjectIsPods = policy.Subject.Pods is not null,
            SubjectNamespaces = SelectorForm.From(policy.Subject.Pods?.NamespaceSelector ?? policy.Subject.Namespaces),
            SubjectPods = SelectorForm.From(policy.Subject.Pods?.PodSelector),
            Carried = policy.Meta,
        };
        if (!policy.Ingress.IsDefault) form.IngressRules.AddRange(policy.Ingress.Select(AdminRuleForm.From));
        if (!policy.Egress.IsDefault) form.EgressRules.AddRange(policy.Egress.Select(AdminRuleForm.From));
        return form;
    }

    public AdminPolicyInfo ToPolicy(IList<FormError> errors)
    {
        int? priority = null;
        if (HasPriority && Priority.Trim().Length > 0)
        {
            if (int.TryParse(Priority.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)) priority = p;
            else errors.Add(new FormError("spec.priority", $"\"{Priority.Trim()}\" is not a number"));
        }
        else if (HasPriority) errors.Add(new FormError("spec.priority", "a priority is required"));
        var subject = SubjectIsPods
            ? new AdminSubject(null, new NamespacedPodSelector(SubjectNamespaces.ToSelector(), SubjectPods.ToSelector()))
            : new AdminSubject(SubjectNamespaces.ToSelector(), null);
        var meta = (Carried ?? new ObjectMeta(Name, null)) with { Name = Name.Trim(), Namespace = null };
        var tier = Kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => AdminTier.Admin,
            AdminPolicyKind.BaselineAdminNetworkPolicy => AdminTier.Baseline,
            _ => Tier,
        };
        return new AdminPolicyInfo(meta, Kind, tier, priority, subject,
            [.. IngressRules.Select((r, i) => r.ToRule($"spec.ingress[{i}]", PortsField, errors))],
            [.. EgressRules.Select((r, i) => r.ToRule($"spec.egress[{i}]", PortsField, errors))]);
    }
}
