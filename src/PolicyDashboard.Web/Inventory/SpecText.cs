using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Inventory;

/// <summary>Short, faithful text for spec fragments (selectors, peers, ports) as written, for summaries and tables.</summary>
public static class SpecText
{
    /// <summary><c>{}</c> reads "(all)", an absent selector "(none)"; otherwise kubectl's selector syntax.</summary>
    public static string Selector(LabelSelector? selector)
    {
        if (selector is null) return "(none)";
        if (selector.IsEmpty) return "(all)";
        var parts = selector.MatchLabels.Select(l => $"{l.Key}={l.Value}").ToList();
        if (!selector.MatchExpressions.IsDefault)
            parts.AddRange(selector.MatchExpressions.Select(Requirement));
        return string.Join(", ", parts);
    }

    public static string Requirement(LabelSelectorRequirement r)
    {
        var values = r.Values.IsDefault ? "" : string.Join(", ", r.Values);
        return r.Operator switch
        {
            "In" => $"{r.Key} in ({values})",
            "NotIn" => $"{r.Key} notin ({values})",
            "Exists" => r.Key,
            "DoesNotExist" => "!" + r.Key,
            _ => $"{r.Key} {r.Operator} ({values})",
        };
    }

    public static string ServiceSelector(Labels? selector) =>
        selector is not { Count: > 0 } ? "(none)" : string.Join(", ", selector.Select(l => $"{l.Key}={l.Value}"));

    /// <summary>
    /// NetworkPolicyPeer: podSelector alone selects pods in the policy's namespace; namespaceSelector alone all pods
    /// in the matching namespaces; both in one peer, the pods matching the pod selector in the matching namespaces.
    /// </summary>
    public static string Peer(NetworkPolicyPeer peer)
    {
        if (peer.IpBlock is { } block)
            return block.Except.IsDefaultOrEmpty ? $"ipBlock {block.Cidr}" : $"ipBlock {block.Cidr} except {string.Join(", ", block.Except)}";
        return (peer.PodSelector, peer.NamespaceSelector) switch
        {
            ({ } pods, null) => $"pods {Selector(pods)} in the policy's namespace",
            (null, { } namespaces) => $"all pods in namespaces {Selector(namespaces)}",
            ({ } pods, { } namespaces) => $"pods {Selector(pods)} in namespaces {Selector(namespaces)}",
            _ => "(empty peer)",
        };
    }

    /// <summary>NetworkPolicyPort: protocol defaults to TCP; no port means every port of the protocol; endPort is inclusive.</summary>
    public static string Port(NetworkPolicyPort port)
    {
        var protocol = port.Protocol ?? "TCP";
        return port.Port switch
        {
            null => $"all {protocol} ports",
            { Name: { } name } => $"{protocol} port named {name}",
            { Number: { } n } when port.EndPort is { } end => $"{protocol} {n}-{end}",
            { Number: { } n } => $"{protocol} {n}",
            _ => protocol,
        };
    }

    public static IReadOnlyList<string> Ports(ImmutableArray<NetworkPolicyPort> ports) =>
        ports.IsDefaultOrEmpty ? ["all ports"] : ports.Select(Port).ToList();

    public static string Peer(AdminPeer peer)
    {
        if (peer.Namespaces is { } ns) return $"all pods in namespaces {Selector(ns)}";
        if (peer.Pods is { } pods) return $"pods {Selector(pods.PodSelector)} in namespaces {Selector(pods.NamespaceSelector)}";
        if (peer.Nodes is { } nodes) return $"nodes {Selector(nodes)}";
        if (peer.Networks is { } networks) return $"networks {string.Join(", ", networks)}";
        return "(empty peer)";
    }

    public static string Port(AdminPort port) => port switch
    {
        AdminPort.Number n => $"{n.Protocol} {n.Port}",
        AdminPort.Range r => $"{r.Protocol} {r.Start}-{r.End}",
        AdminPort.Named n => $"port named {n.Name}",
        _ => port.ToString(),
    };

    public static string Subject(AdminSubject subject)
    {
        if (subject.Namespaces is { } ns) return $"all pods in namespaces {Selector(ns)}";
        if (subject.Pods is { } pods) return $"pods {Selector(pods.PodSelector)} in namespaces {Selector(pods.NamespaceSelector)}";
        return "(no subject)";
    }

    public static string ServicePort(ServicePortInfo p)
    {
        var name = string.IsNullOrEmpty(p.Name) ? "" : p.Name + " ";
        var node = p.NodePort is { } np ? $" (node {np})" : "";
        return $"{name}{p.Port}/{p.Protocol} → {TargetPort(p)}{node}";
    }

    public static string TargetPort(ServicePortInfo p) =>
        p.TargetPort.Number is null && string.IsNullOrEmpty(p.TargetPort.Name) ? p.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) : p.TargetPort.ToString();
}
