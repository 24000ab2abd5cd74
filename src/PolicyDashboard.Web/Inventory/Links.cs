using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>Relative URLs of the inventory pages (relative so the app works under a path base).</summary>
public static class Links
{
    public const string Overview = "";
    public const string NamespaceList = "namespaces";
    public const string PodList = "pods";
    public const string ServiceList = "services";
    public const string IngressList = "ingresses";
    public const string PolicyList = "networkpolicies";

    public static string Namespace(string name) => $"namespaces/{E(name)}";
    public static string Pod(string ns, string name) => $"pods/{E(ns)}/{E(name)}";
    public static string Pod(ObjectKey key) => Pod(key.Namespace, key.Name);
    public static string Service(string ns, string name) => $"services/{E(ns)}/{E(name)}";
    public static string Ingress(string ns, string name) => $"ingresses/{E(ns)}/{E(name)}";
    public static string NetworkPolicy(string ns, string name) => $"networkpolicies/{E(ns)}/{E(name)}";
    public static string AdminPolicy(AdminPolicyKind kind, string name) => $"clusterpolicies/{AdminKindSlug(kind)}/{E(name)}";

    /// <summary>A list page with its filter in the query string (what the list pages read on load).</summary>
    public static string List(string list, string? ns = null, string? text = null, string? selector = null)
    {
        var query = new List<string>(3);
        if (!string.IsNullOrEmpty(ns)) query.Add("ns=" + E(ns));
        if (!string.IsNullOrEmpty(text)) query.Add("q=" + E(text));
        if (!string.IsNullOrEmpty(selector)) query.Add("l=" + E(selector));
        return query.Count == 0 ? list : list + "?" + string.Join("&", query);
    }

    public static string AdminKindSlug(AdminPolicyKind kind) => kind switch
    {
        AdminPolicyKind.AdminNetworkPolicy => "adminnetworkpolicy",
        AdminPolicyKind.BaselineAdminNetworkPolicy => "baselineadminnetworkpolicy",
        AdminPolicyKind.ClusterNetworkPolicy => "clusternetworkpolicy",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static AdminPolicyKind? ParseAdminKindSlug(string? slug) => slug?.ToLowerInvariant() switch
    {
        "adminnetworkpolicy" => AdminPolicyKind.AdminNetworkPolicy,
        "baselineadminnetworkpolicy" => AdminPolicyKind.BaselineAdminNetworkPolicy,
        "clusternetworkpolicy" => AdminPolicyKind.ClusterNetworkPolicy,
        _ => null,
    };

    private static string E(string s) => Uri.EscapeDataString(s);
}
