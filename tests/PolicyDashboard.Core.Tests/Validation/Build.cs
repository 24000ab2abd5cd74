using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Tests.Validation;

/// <summary>Terse constructors for policies in validation tables.</summary>
internal static class Build
{
    public static NetworkPolicyInfo Np(
        LabelSelector? podSelector = null,
        NetworkPolicyRule[]? ingress = null,
        NetworkPolicyRule[]? egress = null,
        PolicyType[]? policyTypes = null,
        string name = "np",
        string? ns = "default") =>
        new(new ObjectMeta(name, ns), podSelector ?? LabelSelector.Everything,
            policyTypes is null ? null : [.. policyTypes],
            [.. ingress ?? []], [.. egress ?? []]);

    public static NetworkPolicyRule Rule(NetworkPolicyPeer[]? peers = null, NetworkPolicyPort[]? ports = null) =>
        new([.. peers ?? []], [.. ports ?? []]);

    public static NetworkPolicyRule Ports(params NetworkPolicyPort[] ports) => Rule(ports: ports);

    public static NetworkPolicyRule Peers(params NetworkPolicyPeer[] peers) => Rule(peers: peers);

    public static NetworkPolicyPeer Pods(LabelSelector selector) => new(selector, null, null);

    public static NetworkPolicyPeer Namespaces(LabelSelector selector) => new(null, selector, null);

    public static NetworkPolicyPeer IpBlock(string cidr, params string[] except) => new(null, null, new IpBlock(cidr, [.. except]));

    public static NetworkPolicyPort Port(int port, string? protocol = null, int? endPort = null) => new(protocol, IntOrString.Of(port), endPort);

    public static NetworkPolicyPort Port(string name, string? protocol = null, int? endPort = null) => new(protocol, IntOrString.Of(name), endPort);

    public static LabelSelector Expr(string key, string op, params string[] values) =>
        new(Labels.Empty, [new LabelSelectorRequirement(key, op, [.. values])]);

    public static AdminPolicyInfo Anp(
        int? priority = 10,
        AdminSubject? subject = null,
        AdminRule[]? ingress = null,
        AdminRule[]? egress = null,
        string name = "anp",
        AdminPolicyKind kind = AdminPolicyKind.AdminNetworkPolicy) =>
        new(new ObjectMeta(name, null), kind,
            kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? AdminTier.Baseline : AdminTier.Admin,
            kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? null : priority,
            subject ?? AllNamespaces, [.. ingress ?? []], [.. egress ?? []]);

    public static AdminPolicyInfo Banp(AdminRule[]? ingress = null, AdminRule[]? egress = null, string name = "default") =>
        Anp(null, null, ingress, egress, name, AdminPolicyKind.BaselineAdminNetworkPolicy);

    public static AdminPolicyInfo Cnp(int? priority = 10, AdminRule[]? ingress = null, AdminRule[]? egress = null, AdminSubject? subject = null) =>
        Anp(priority, subject, ingress, egress, "cnp", AdminPolicyKind.ClusterNetworkPolicy);

    public static readonly AdminSubject AllNamespaces = new(LabelSelector.Everything, null);

    public static AdminRule ARule(string action, AdminPeer[]? peers, AdminPort[]? ports = null, string? name = null) =>
        new(name, action, peers is null ? default : [.. peers], ports is null ? null : [.. ports]);

    public static AdminPeer ANamespaces(LabelSelector? selector = null) => new(selector ?? LabelSelector.Everything, null, null, null);

    public static AdminPeer APods(LabelSelector pods) => new(null, new NamespacedPodSelector(LabelSelector.Everything, pods), null, null);

    public static AdminPeer ANodes() => new(null, null, LabelSelector.Everything, null);

    public static AdminPeer ANetworks(params string[] cidrs) => new(null, null, null, [.. cidrs]);
}
