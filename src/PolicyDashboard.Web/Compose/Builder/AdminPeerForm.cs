using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>The shapes of an admin-tier peer: namespaces, pods (in namespaces), nodes (egress) or networks (egress).</summary>
public enum AdminPeerKind { Namespaces, Pods, Nodes, Networks }

/// <summary>One peer of an admin-tier rule being built.</summary>
public sealed class AdminPeerForm
{
    public AdminPeerKind Kind { get; set; } = AdminPeerKind.Namespaces;
    public SelectorForm Namespaces { get; set; } = new();
    public SelectorForm Pods { get; set; } = new();
    public SelectorForm Nodes { get; set; } = new();

    /// <summary>The CIDRs of a networks peer, one entry each.</summary>
    public List<string> Networks { get; } = [];

    public AdminPeer ToPeer() => Kind switch
    {
        AdminPeerKind.Pods => new AdminPeer(null, new NamespacedPodSelector(Namespaces.ToSelector(), Pods.ToSelector()), null, null),
        AdminPeerKind.Nodes => new AdminPeer(null, null, Nodes.ToSelector(), null),
        AdminPeerKind.Networks => new AdminPeer(null, null, null, [.. Networks.Select(n => n.Trim()).Where(n => n.Length > 0)]),
        _ => new AdminPeer(Namespaces.ToSelector(), null, null, null),
    };

    public static AdminPeerForm From(AdminPeer peer)
    {
        var form = new AdminPeerForm
        {
            Kind = peer switch
            {
                { Pods: not null } => AdminPeerKind.Pods,
                { Nodes: not null } => AdminPeerKind.Nodes,
                { Networks: not null } => AdminPeerKind.Networks,
                _ => AdminPeerKind.Namespaces,
            },
            Namespaces = SelectorForm.From(peer.Pods?.NamespaceSelector ?? peer.Namespaces),
            Pods = SelectorForm.From(peer.Pods?.PodSelector),
            Nodes = SelectorForm.From(peer.Nodes),
        };
        if (peer.Networks is { IsDefault: false } networks) form.Networks.AddRange(networks);
        return form;
    }
}
