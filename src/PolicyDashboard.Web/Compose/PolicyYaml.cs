using k8s;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Web.Compose;

/// <summary>A policy model as the YAML a draft starts from (the same rendering templates use).</summary>
public static class PolicyYaml
{
    public static string Of(NetworkPolicyInfo policy) => KubernetesYaml.Serialize(ModelToKube.ToV1(policy));

    /// <summary>An admin-tier policy in its own apiVersion (v1alpha1 for ANP/BANP, v1alpha2 for ClusterNetworkPolicy).</summary>
    public static string Of(AdminPolicyInfo policy) => JsonYaml.ToYaml(ModelToKube.ToJson(policy));
}
