using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Describe;

/// <summary>
/// One compiled peer (or an admin policy's subject) in words. The cases, as the API reference defines them:
/// <list type="bullet">
/// <item>podSelector alone: "selects particular Pods in the same namespace as the NetworkPolicy" → "pods with … in ns";
/// an empty podSelector is every pod there → "all pods in ns".</item>
/// <item>namespaceSelector alone: "selects all Pods in the Namespaces selected" → "all pods in namespaces with …";
/// <c>namespaceSelector: {}</c> selects every namespace → "all pods in all namespaces".</item>
/// <item>both in one peer: the pods must match in the matching namespaces (AND) → "pods with … in namespaces with …".</item>
/// <item>ipBlock: "a particular IPBlock … except entries … will be excluded" → "addresses in CIDR except …".</item>
/// </list>
/// </summary>
public static class PeerWords
{
    public static string Of(PeerMatcher peer) => peer switch
    {
        AllPeers => "any endpoint (every pod in every namespace and every address outside the cluster)",
        PodPeer pods => Pods(pods),
        IpBlockPeer block => block.Except.IsDefaultOrEmpty
            ? $"addresses in {block.Block}"
            : $"addresses in {block.Block} except {string.Join(", ", block.Except)}",
        // ANP/CNP networks: "cluster-internal traffic will be checked against the rule as well".
        NetworksPeer networks => $"addresses in {string.Join(", ", networks.Blocks)} (pod and node addresses included)",
        NodePeer nodes => nodes.Selector.MatchesEverything ? "all nodes" : $"nodes with {SelectorWords.Of(nodes.Selector)}",
        NoPeers none => $"nothing ({none.Reason})",
        _ => peer.ToString() ?? "",
    };

    private static string Pods(PodPeer peer)
    {
        var namespaces = peer.Namespaces switch
        {
            NamespaceScope.Same same => same.Namespace,
            NamespaceScope.Selected { Selector.MatchesEverything: true } => "all namespaces",
            NamespaceScope.Selected { Selector.MatchesNothing: true } selected => $"no namespace ({SelectorWords.Of(selected.Selector)})",
            NamespaceScope.Selected selected => $"namespaces with {SelectorWords.Of(selected.Selector)}",
            _ => peer.Namespaces.ToString(),
        };
        if (peer.Pods.MatchesNothing) return $"no pods ({SelectorWords.Of(peer.Pods)}) in {namespaces}";
        return peer.Pods.MatchesEverything ? $"all pods in {namespaces}" : $"pods with {SelectorWords.Of(peer.Pods)} in {namespaces}";
    }
}
