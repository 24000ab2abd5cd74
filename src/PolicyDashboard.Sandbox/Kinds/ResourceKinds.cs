namespace PolicyDashboard.Sandbox.Kinds;

/// <summary>The kinds the sandbox serves, in discovery order.</summary>
internal static class ResourceKinds
{
    public static readonly ResourceKind Namespace = new("", "v1", "namespaces", "Namespace", false, ["ns"]);
    public static readonly ResourceKind Node = new("", "v1", "nodes", "Node", false, ["no"]);
    public static readonly ResourceKind Pod = new("", "v1", "pods", "Pod", true, ["po"], ["all"]);
    public static readonly ResourceKind Service = new("", "v1", "services", "Service", true, ["svc"], ["all"]);
    public static readonly ResourceKind ConfigMap = new("", "v1", "configmaps", "ConfigMap", true, ["cm"]);
    public static readonly ResourceKind Secret = new("", "v1", "secrets", "Secret", true, []);
    public static readonly ResourceKind EndpointSlice = new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, []);
    public static readonly ResourceKind Ingress = new("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["ing"]);
    public static readonly ResourceKind NetworkPolicy = new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, ["netpol"]);
    public static readonly ResourceKind AdminNetworkPolicy = new("policy.networking.k8s.io", "v1alpha1", "adminnetworkpolicies", "AdminNetworkPolicy", false, ["anp"]);
    public static readonly ResourceKind BaselineAdminNetworkPolicy = new("policy.networking.k8s.io", "v1alpha1", "baselineadminnetworkpolicies", "BaselineAdminNetworkPolicy", false, ["banp"]);
    public static readonly ResourceKind ClusterNetworkPolicy = new("policy.networking.k8s.io", "v1alpha2", "clusternetworkpolicies", "ClusterNetworkPolicy", false, ["cnp"]);

    public static readonly ResourceKind SelfSubjectAccessReview = new("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, [], ReviewOnly: true);

    public static readonly IReadOnlyList<ResourceKind> All =
    [
        Namespace, Node, Pod, Service, ConfigMap, Secret, EndpointSlice, Ingress, NetworkPolicy,
        AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy, SelfSubjectAccessReview,
    ];

    /// <summary>Group → versions served, preferred (newest) first.</summary>
    public static IEnumerable<(string Group, IReadOnlyList<string> Versions)> Groups() =>
        All.Where(k => k.Group.Length > 0)
           .GroupBy(k => k.Group)
           .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(k => k.Version).Distinct().OrderByDescending(v => v, StringComparer.Ordinal).ToList()));

    public static ResourceKind? Find(string group, string version, string plural) =>
        All.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);

    public static ResourceKind? ByApiVersionKind(string apiVersion, string kind) =>
        All.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind);
}
