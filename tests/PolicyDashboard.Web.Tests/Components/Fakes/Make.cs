using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>Terse builders for snapshot objects in tests. Labels are written "k=v,k2=v2".</summary>
public static class Make
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Labels Labels(string text) =>
        Core.Model.Labels.From(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], kv.Length > 1 ? kv[1] : "")));

    public static ObjectMeta Meta(string? ns, string name, string labels = "", DateTimeOffset? created = null, string? rv = "1") =>
        new(name, ns, Uid: $"uid-{ns}-{name}", ResourceVersion: rv, CreationTimestamp: created ?? Epoch, Labels: Labels(labels));

    public static NamespaceInfo Namespace(string name, string labels = "") =>
        new(Meta(null, name, string.IsNullOrEmpty(labels) ? $"kubernetes.io/metadata.name={name}" : $"kubernetes.io/metadata.name={name},{labels}"));

    public static PodInfo Pod(string ns, string name, string labels = "", string? ip = "10.0.0.1", WorkloadRef? owner = null,
        string? node = "node-1", string phase = "Running", params ContainerPort[] ports) =>
        new(Meta(ns, name, labels), ip is null ? [] : [ip], [.. ports], Phase: phase, NodeName: node, Owner: owner);

    public static ContainerPort Port(string? name, int port, Protocol protocol = Protocol.TCP, string container = "main") =>
        new(name, port, protocol, container);

    public static ServiceInfo Service(string ns, string name, string? selector, params ServicePortInfo[] ports) =>
        new(Meta(ns, name), "ClusterIP", selector is null ? null : Labels(selector), ["10.96.0.10"], [.. ports]);

    public static ServicePortInfo ServicePort(int port, IntOrString target, string? name = null, Protocol protocol = Protocol.TCP) =>
        new(name, port, protocol, target);

    public static NetworkPolicyInfo Policy(string ns, string name, LabelSelector podSelector,
        ImmutableArray<PolicyType>? types = null, ImmutableArray<NetworkPolicyRule>? ingress = null, ImmutableArray<NetworkPolicyRule>? egress = null) =>
        new(Meta(ns, name), podSelector, types, ingress ?? [], egress ?? []);

    public static AdminPolicyInfo Admin(AdminPolicyKind kind, string name, AdminSubject subject, int? priority = 10,
        AdminTier tier = AdminTier.Admin, ImmutableArray<AdminRule>? ingress = null) =>
        new(Meta(null, name), kind, tier, priority, subject, ingress ?? [], []);

    public static IngressInfo Ingress(string ns, string name, params IngressRouteInfo[] routes) =>
        new(Meta(ns, name), "nginx", [.. routes], []);

    public static NodeInfo Node(string name, string ip) => new(Meta(null, name), [ip]);

    /// <summary>A snapshot holding exactly the given objects.</summary>
    public static ClusterSnapshot Snapshot(long version, params object[] objects)
    {
        var s = ClusterSnapshot.Empty with { Version = version };
        foreach (var o in objects)
        {
            s = o switch
            {
                NamespaceInfo n => s with { Namespaces = s.Namespaces.SetItem(n.Meta.Key, n) },
                PodInfo p => s with { Pods = s.Pods.SetItem(p.Key, p) },
                ServiceInfo v => s with { Services = s.Services.SetItem(v.Key, v) },
                IngressInfo i => s with { Ingresses = s.Ingresses.SetItem(i.Key, i) },
                NetworkPolicyInfo np => s with { NetworkPolicies = s.NetworkPolicies.SetItem(np.Key, np) },
                AdminPolicyInfo a => s with { AdminPolicies = s.AdminPolicies.SetItem(a.Key, a) },
                NodeInfo node => s with { Nodes = s.Nodes.SetItem(node.Meta.Key, node) },
                _ => throw new ArgumentException($"Unsupported object {o.GetType().Name}"),
            };
        }
        return s;
    }

    /// <summary>Adds objects to a snapshot under a new version, keeping everything else.</summary>
    public static ClusterSnapshot With(this ClusterSnapshot snapshot, long version, params object[] objects)
    {
        var added = Snapshot(version, objects);
        return snapshot with
        {
            Version = version,
            Namespaces = snapshot.Namespaces.SetItems(added.Namespaces),
            Pods = snapshot.Pods.SetItems(added.Pods),
            Services = snapshot.Services.SetItems(added.Services),
            Ingresses = snapshot.Ingresses.SetItems(added.Ingresses),
            NetworkPolicies = snapshot.NetworkPolicies.SetItems(added.NetworkPolicies),
            AdminPolicies = snapshot.AdminPolicies.SetItems(added.AdminPolicies),
            Nodes = snapshot.Nodes.SetItems(added.Nodes),
        };
    }
}
