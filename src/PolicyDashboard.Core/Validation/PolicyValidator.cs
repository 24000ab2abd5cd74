using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Validation;

/// <summary>
/// What the Kubernetes API server would answer when the object is created: every field error, never an exception.
/// An empty result means the server would accept it.
/// </summary>
public static class PolicyValidator
{
    /// <summary>networking.k8s.io/v1 NetworkPolicy, metadata included.</summary>
    public static ImmutableArray<FieldError> Validate(NetworkPolicyInfo policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<FieldError>();
        NetworkPolicyValidation.Validate(policy, errors);
        return [.. errors];
    }

    /// <summary>AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy, metadata included.</summary>
    public static ImmutableArray<FieldError> Validate(AdminPolicyInfo policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<FieldError>();
        AdminPolicyValidation.Validate(policy, errors);
        return [.. errors];
    }

    /// <summary>
    /// Object metadata alone: the name a DNS-1123 subdomain, the namespace (required iff namespaced) a DNS-1123 label,
    /// label keys and values, annotation keys and their 256 KiB total.
    /// </summary>
    public static ImmutableArray<FieldError> ValidateMeta(ObjectMeta meta, bool namespaced)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var errors = new List<FieldError>();
        MetaValidation.ValidateObjectMeta(meta, namespaced, errors);
        return [.. errors];
    }
}
