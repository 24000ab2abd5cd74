using System.Collections.Immutable;
using System.Text.Json;
using k8s;
using k8s.Models;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Convert;

/// <summary>
/// AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and ClusterNetworkPolicy
/// (v1alpha2) → <see cref="AdminPolicyInfo"/>. Read from JSON because KubernetesClient has no types for them.
/// Throws <see cref="JsonException"/> only when the object cannot be read at all (a field of the wrong JSON type);
/// values that are merely invalid (bad CIDR, unknown action) are kept for validation.
/// </summary>
public static class AdminPolicyConverter
{
    public const string Group = "policy.networking.k8s.io";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the kind name of the API object ("AdminNetworkPolicy", …) to the model's kind.</summary>
    public static bool TryParseKind(string? kind, out AdminPolicyKind result)
    {
        switch (kind)
        {
            case "AdminNetworkPolicy": result = AdminPolicyKind.AdminNetworkPolicy; return true;
            case "BaselineAdminNetworkPolicy": result = AdminPolicyKind.BaselineAdminNetworkPolicy; return true;
            case "ClusterNetworkPolicy": result = AdminPolicyKind.ClusterNetworkPolicy; return true;
            default: result = default; return false;
        }
    }

    public static AdminPolicyInfo ToModel(JsonElement obj, AdminPolicyKind kind)
    {
        var meta = obj.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
            ? KubernetesJson.Deserialize<V1ObjectMeta>(m)
            : null;
        var dto = obj.Deserialize<AdminPolicyDto>(Options);
        var spec = dto?.Spec ?? new AdminPolicySpecDto();
        var tier = kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => AdminTier.Admin,
            AdminPolicyKind.BaselineAdminNetworkPolicy => AdminTier.Baseline,
            _ => spec.Tier == "Baseline" ? AdminTier.Baseline : AdminTier.Admin,
        };
        var v2 = kind == AdminPolicyKind.ClusterNetworkPolicy;
        return new AdminPolicyInfo(
            MetaConverter.ToModel(meta, namespaced: false),
            kind,
            tier,
            // BaselineAdminNetworkPolicy has no priority (it is a singleton named "default").
            kind == AdminPolicyKind.BaselineAdminNetworkPolicy ? null : spec.Priority,
            new AdminSubject(Selector(spec.Subject?.Namespaces), Pods(spec.Subject?.Pods)),
            Rules(spec.Ingress, ingress: true, v2),
            Rules(spec.Egress, ingress: false, v2));
    }

    private static ImmutableArray<AdminRule> Rules(List<RuleDto?>? rules, bool ingress, bool v2) =>
        rules is null
            ? ImmutableArray<AdminRule>.Empty
            : rules.Where(r => r is not null).Select(r => new AdminRule(
                r!.Name,
                r.Action ?? "",
                ((ingress ? r.From : r.To) ?? []).Where(p => p is not null).Select(p => Peer(p!)).ToImmutableArray(),
                v2 ? Protocols(r.Protocols) : Ports(r.Ports))).ToImmutableArray();

    private static AdminPeer Peer(PeerDto p) =>
        new(Selector(p.Namespaces), Pods(p.Pods), Selector(p.Nodes), p.Networks is null ? null : [.. p.Networks]);

    /// <summary>v1alpha1 ports: omitted = all ports. portNumber/portRange protocol defaults to TCP (CRD default).</summary>
    private static ImmutableArray<AdminPort>? Ports(List<PortDto?>? ports)
    {
        if (ports is null) return null;
        var result = ImmutableArray.CreateBuilder<AdminPort>();
        foreach (var p in ports)
        {
            if (p?.PortNumber is { } n) result.Add(new AdminPort.Number(n.Protocol ?? "TCP", n.Port));
            if (p?.PortRange is { } r) result.Add(new AdminPort.Range(r.Protocol ?? "TCP", r.Start, r.End));
            if (p?.NamedPort is { } name) result.Add(new AdminPort.Named(name));
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// v1alpha2 protocols: omitted = all traffic. A protocol entry without destinationPort matches every port of
    /// that protocol, expressed as the range 1–65535 of that protocol.
    /// </summary>
    private static ImmutableArray<AdminPort>? Protocols(List<ProtocolDto?>? protocols)
    {
        if (protocols is null) return null;
        var result = ImmutableArray.CreateBuilder<AdminPort>();
        foreach (var p in protocols)
        {
            if (p is null) continue;
            Add("TCP", p.Tcp);
            Add("UDP", p.Udp);
            Add("SCTP", p.Sctp);
            if (p.DestinationNamedPort is { } name) result.Add(new AdminPort.Named(name));
        }

        return result.ToImmutable();

        void Add(string protocol, ProtocolPortDto? entry)
        {
            if (entry is null) return;
            var dp = entry.DestinationPort;
            if (dp?.Number is { } n) result.Add(new AdminPort.Number(protocol, n));
            if (dp?.Range is { } r) result.Add(new AdminPort.Range(protocol, r.Start, r.End));
            if (dp?.Number is null && dp?.Range is null) result.Add(new AdminPort.Range(protocol, 1, 65535));
        }
    }

    private static NamespacedPodSelector? Pods(NamespacedPodDto? pods) =>
        pods is null
            ? null
            // An omitted namespaceSelector/podSelector inside `pods` is the empty selector: it selects everything.
            : new NamespacedPodSelector(Selector(pods.NamespaceSelector) ?? LabelSelector.Everything, Selector(pods.PodSelector) ?? LabelSelector.Everything);

    private static LabelSelector? Selector(SelectorDto? s) =>
        s is null
            ? null
            : new LabelSelector(
                Labels.From(s.MatchLabels),
                (s.MatchExpressions ?? []).Where(e => e is not null)
                    .Select(e => new LabelSelectorRequirement(e!.Key ?? "", e.Operator ?? "", e.Values is null ? ImmutableArray<string>.Empty : [.. e.Values]))
                    .ToImmutableArray());
}
