using System.Collections.Immutable;
using System.Text;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Diff;

/// <summary>
/// A canonical rendering of a policy's spec (metadata left out), so two versions compare by content: the model's
/// records hold ImmutableArrays, which compare by reference.
/// </summary>
internal static class PolicyText
{
    public static string Of(NetworkPolicyInfo p)
    {
        var sb = new StringBuilder();
        Selector(sb.Append("pod="), p.PodSelector);
        sb.Append(";types=").Append(p.PolicyTypes is { IsDefault: false } t ? string.Join(",", t) : "default");
        foreach (var (name, rules) in new[] { ("in", p.Ingress), ("out", p.Egress) })
        {
            sb.Append(';').Append(name).Append('[');
            foreach (var r in Each(rules))
            {
                sb.Append("{peers:");
                foreach (var peer in Each(r.Peers))
                {
                    sb.Append('(');
                    if (peer.PodSelector is { } ps) Selector(sb.Append("pod="), ps);
                    if (peer.NamespaceSelector is { } ns) Selector(sb.Append("ns="), ns);
                    if (peer.IpBlock is { } b) sb.Append("ip=").Append(b.Cidr).Append('-').Append(string.Join(",", Each(b.Except)));
                    sb.Append(')');
                }
                sb.Append(" ports:");
                foreach (var port in Each(r.Ports))
                    sb.Append('(').Append(port.Protocol ?? "TCP").Append(' ').Append(port.Port?.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (port.Port?.Name is { } n ? "name:" + n : "*"))
                      .Append('-').Append(port.EndPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").Append(')');
                sb.Append('}');
            }
            sb.Append(']');
        }
        return sb.ToString();
    }

    public static string Of(AdminPolicyInfo p)
    {
        var sb = new StringBuilder();
        sb.Append(p.Kind).Append(';').Append(p.Tier).Append(';').Append(p.Priority?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-").Append(";subject=");
        Namespaced(sb, p.Subject.Namespaces, p.Subject.Pods);
        foreach (var (name, rules) in new[] { ("in", p.Ingress), ("out", p.Egress) })
        {
            sb.Append(';').Append(name).Append('[');
            foreach (var r in Each(rules))
            {
                sb.Append('{').Append(r.Action).Append(" peers:");
                foreach (var peer in Each(r.Peers))
                {
                    sb.Append('(');
                    Namespaced(sb, peer.Namespaces, peer.Pods);
                    if (peer.Nodes is { } nodes) Selector(sb.Append("nodes="), nodes);
                    if (peer.Networks is { } nets) sb.Append("nets=").Append(string.Join(",", Each(nets)));
                    sb.Append(')');
                }
                sb.Append(" ports:").Append(r.Ports is { } ports ? string.Join(",", Each(ports).Select(x => x.ToString())) : "*").Append('}');
            }
            sb.Append(']');
        }
        return sb.ToString();
    }

    private static void Namespaced(StringBuilder sb, LabelSelector? namespaces, NamespacedPodSelector? pods)
    {
        if (namespaces is not null) Selector(sb.Append("ns="), namespaces);
        if (pods is not null)
        {
            Selector(sb.Append("podsns="), pods.NamespaceSelector);
            Selector(sb.Append("pods="), pods.PodSelector);
        }
    }

    private static void Selector(StringBuilder sb, LabelSelector s)
    {
        sb.Append('{').Append(s.MatchLabels).Append('|');
        foreach (var e in Each(s.MatchExpressions))
            sb.Append(e.Key).Append(' ').Append(e.Operator).Append(' ').Append(string.Join(",", Each(e.Values))).Append(';');
        sb.Append('}');
    }

    private static ImmutableArray<T> Each<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static ImmutableArray<T> Each<T>(ImmutableArray<T>? items) => items is { IsDefault: false } a ? a : [];
}
