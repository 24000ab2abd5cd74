using System.Collections.Frozen;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>Sortable column names, shared by the list definitions and the pages' headers.</summary>
public static class Columns
{
    public const string Name = "name";
    public const string Namespace = "namespace";
    public const string Age = "age";
    public const string Phase = "phase";
    public const string Ip = "ip";
    public const string Node = "node";
    public const string Workload = "workload";
    public const string Restarts = "restarts";
    public const string Type = "type";
    public const string ClusterIp = "clusterIp";
    public const string Class = "class";
    public const string Hosts = "hosts";
    public const string Pods = "pods";
    public const string Services = "services";
    public const string Policies = "policies";
    public const string Kind = "kind";
    public const string Tier = "tier";
    public const string Priority = "priority";
}

/// <summary>The list definitions of the inventory pages.</summary>
public static class InventoryLists
{
    public static readonly ListDefinition<PodInfo> Pods = new()
    {
        Source = s => s.Pods,
        Rows = s => s.Pods.Values,
        Meta = p => p.Meta,
        MatchesText = (p, t) => TextSearch.Contains(p.Name, t) || TextSearch.Contains(p.Namespace, t) ||
                                TextSearch.Contains(p.NodeName, t) || TextSearch.Contains(p.Owner?.Name, t) ||
                                TextSearch.Contains(p.Phase, t) || (!p.Ips.IsDefault && TextSearch.AnyContains(p.Ips, t)),
        Columns = new Dictionary<string, ColumnSort<PodInfo>>
        {
            [Columns.Name] = Compare.Text<PodInfo>(p => p.Name),
            [Columns.Namespace] = Compare.Text<PodInfo>(p => p.Namespace),
            [Columns.Phase] = Compare.Text<PodInfo>(p => p.Phase),
            [Columns.Ip] = Compare.Value<PodInfo, IpSortKey>(p => p.HasIp ? IpSortKey.Parse(p.Ips[0]) : null),
            [Columns.Node] = Compare.Text<PodInfo>(p => p.NodeName),
            [Columns.Workload] = Compare.Text<PodInfo>(p => p.Owner?.ToString()),
            [Columns.Restarts] = Compare.Value<PodInfo>(p => p.Restarts),
            [Columns.Age] = AgeColumn<PodInfo>(p => p.Meta),
        }.ToFrozenDictionary(),
        DefaultSort = new SortSpec(Columns.Namespace),
    };

    public static readonly ListDefinition<ServiceInfo> Services = new()
    {
        Source = s => s.Services,
        Rows = s => s.Services.Values,
        Meta = s => s.Meta,
        MatchesText = (s, t) => TextSearch.Contains(s.Name, t) || TextSearch.Contains(s.Namespace, t) ||
                                TextSearch.Contains(s.Type, t) || (!s.ClusterIps.IsDefault && TextSearch.AnyContains(s.ClusterIps, t)),
        Columns = new Dictionary<string, ColumnSort<ServiceInfo>>
        {
            [Columns.Name] = Compare.Text<ServiceInfo>(s => s.Name),
            [Columns.Namespace] = Compare.Text<ServiceInfo>(s => s.Namespace),
            [Columns.Type] = Compare.Text<ServiceInfo>(s => s.Type),
            [Columns.ClusterIp] = Compare.Value<ServiceInfo, IpSortKey>(s => s.ClusterIps.IsDefaultOrEmpty ? null : IpSortKey.Parse(s.ClusterIps[0])),
            [Columns.Age] = AgeColumn<ServiceInfo>(s => s.Meta),
        }.ToFrozenDictionary(),
        DefaultSort = new SortSpec(Columns.Namespace),
    };

    public static readonly ListDefinition<IngressInfo> Ingresses = new()
    {
        Source = s => s.Ingresses,
        Rows = s => s.Ingresses.Values,
        Meta = i => i.Meta,
        MatchesText = (i, t) => TextSearch.Contains(i.Name, t) || TextSearch.Contains(i.Namespace, t) ||
                                TextSearch.Contains(i.IngressClassName, t) ||
                                (!i.Routes.IsDefault && i.Routes.Any(r => TextSearch.Contains(r.Host, t) || TextSearch.Contains(r.ServiceName, t))),
        Columns = new Dictionary<string, ColumnSort<IngressInfo>>
        {
            [Columns.Name] = Compare.Text<IngressInfo>(i => i.Name),
            [Columns.Namespace] = Compare.Text<IngressInfo>(i => i.Namespace),
            [Columns.Class] = Compare.Text<IngressInfo>(i => i.IngressClassName),
            [Columns.Hosts] = Compare.Text<IngressInfo>(i => IngressHosts(i).FirstOrDefault()),
            [Columns.Age] = AgeColumn<IngressInfo>(i => i.Meta),
        }.ToFrozenDictionary(),
        DefaultSort = new SortSpec(Columns.Namespace),
    };

    public static readonly ListDefinition<NamespaceRow> Namespaces = new()
    {
        Source = s => (s.Namespaces, s.Pods, s.Services, s.NetworkPolicies),
        Rows = NamespaceRows,
        Meta = n => n.Meta,
        MatchesText = (n, t) => TextSearch.Contains(n.Name, t) || TextSearch.Contains(n.Namespace.Phase, t),
        Columns = new Dictionary<string, ColumnSort<NamespaceRow>>
        {
            [Columns.Name] = Compare.Text<NamespaceRow>(n => n.Name),
            [Columns.Phase] = Compare.Text<NamespaceRow>(n => n.Namespace.Phase),
            [Columns.Pods] = Compare.Value<NamespaceRow>(n => n.Pods),
            [Columns.Services] = Compare.Value<NamespaceRow>(n => n.Services),
            [Columns.Policies] = Compare.Value<NamespaceRow>(n => n.NetworkPolicies),
            [Columns.Age] = AgeColumn<NamespaceRow>(n => n.Meta),
        }.ToFrozenDictionary(),
        DefaultSort = new SortSpec(Columns.Name),
    };

    public static readonly ListDefinition<PolicyRow> Policies = new()
    {
        Source = s => (s.NetworkPolicies, s.AdminPolicies),
        Rows = s => s.NetworkPolicies.Values.Select(PolicyRow.Of).Concat(s.AdminPolicies.Values.Select(PolicyRow.Of)),
        Meta = p => p.Meta,
        MatchesText = (p, t) => TextSearch.Contains(p.Name, t) || TextSearch.Contains(p.Namespace, t) ||
                                TextSearch.Contains(p.Kind, t) || TextSearch.Contains(p.Tier, t),
        Columns = new Dictionary<string, ColumnSort<PolicyRow>>
        {
            [Columns.Name] = Compare.Text<PolicyRow>(p => p.Name),
            [Columns.Namespace] = Compare.Text<PolicyRow>(p => p.Namespace),
            [Columns.Kind] = Compare.Text<PolicyRow>(p => p.Kind),
            [Columns.Tier] = Compare.Value<PolicyRow>(p => TierOrder(p)),
            [Columns.Priority] = Compare.Value<PolicyRow, int>(p => p.Priority),
            [Columns.Age] = AgeColumn<PolicyRow>(p => p.Meta),
        }.ToFrozenDictionary(),
        DefaultSort = new SortSpec(Columns.Tier),
    };

    /// <summary>Distinct hosts of an ingress in rule order; "*" stands for rules without a host.</summary>
    public static IEnumerable<string> IngressHosts(IngressInfo ingress) =>
        ingress.Routes.IsDefault ? [] : ingress.Routes.Select(r => r.Host ?? "*").Distinct(StringComparer.Ordinal);

    /// <summary>Newest first when ascending, as "age" grows the older an object is.</summary>
    private static ColumnSort<T> AgeColumn<T>(Func<T, ObjectMeta> meta) =>
        Compare.By<T>((a, b) => Nullable.Compare(meta(b).CreationTimestamp, meta(a).CreationTimestamp));

    /// <summary>Evaluation order: the admin tier, then NetworkPolicy, then the baseline tier.</summary>
    private static int TierOrder(PolicyRow p) => p.AdminPolicy?.Tier switch
    {
        AdminTier.Admin => 0,
        null => 1,
        _ => 2,
    };

    private static IEnumerable<NamespaceRow> NamespaceRows(ClusterSnapshot s)
    {
        var pods = CountBy(s.Pods.Keys);
        var services = CountBy(s.Services.Keys);
        var policies = CountBy(s.NetworkPolicies.Keys);
        return s.Namespaces.Values.Select(n => new NamespaceRow(n,
            pods.GetValueOrDefault(n.Name), services.GetValueOrDefault(n.Name), policies.GetValueOrDefault(n.Name)));
    }

    private static Dictionary<string, int> CountBy(IEnumerable<ObjectKey> keys)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var k in keys) counts[k.Namespace] = counts.GetValueOrDefault(k.Namespace) + 1;
        return counts;
    }
}
