using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Lint;

/// <summary>An object a finding is about: its kind and key (namespace "" for cluster-scoped kinds).</summary>
public readonly record struct LintObject(string Kind, ObjectKey Key)
{
    public static LintObject For(NetworkPolicyInfo policy) => new("NetworkPolicy", policy.Key);

    public static LintObject For(AdminPolicyInfo policy) => For(policy.Key);

    public static LintObject For(AdminPolicyKey key) => new(key.Kind.ToString(), new ObjectKey("", key.Name));

    public static LintObject For(PodInfo pod) => new("Pod", pod.Key);

    public static LintObject Namespace(string name) => new("Namespace", new ObjectKey("", name));

    /// <summary>The admin-tier key when this is an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy.</summary>
    public AdminPolicyKey? AdminKey =>
        Enum.TryParse<AdminPolicyKind>(Kind, out var kind) ? new AdminPolicyKey(kind, Key.Name) : null;

    public override string ToString() => $"{Kind} {Key}";
}
