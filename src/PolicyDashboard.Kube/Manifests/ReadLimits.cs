namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// Bounds on reading one text, so that hostile input costs bounded stack, time and memory and is refused with a
/// position instead of crashing the process.
/// <list type="bullet">
/// <item>Collections nested deeper than <see cref="MaxDepth"/> are refused where the 65th level opens, before any
/// recursion could exhaust the stack. 64 is System.Text.Json's default depth, which the loaded documents are parsed
/// with anyway; the deepest Kubernetes object the dashboard reads nests about a dozen levels.</item>
/// <item>Aliases may copy at most <see cref="MaxAliasNodes"/> nodes per text (the "billion laughs" bound, like
/// go-yaml's alias budget): the copy that would exceed it is refused at the alias.</item>
/// <item><see cref="Strict"/> reading (drafts, <c>kubectl apply --validate=strict</c>): a duplicate mapping key is
/// an error, not "the last value wins", and JSON texts are read by the YAML reader so that their duplicate keys are
/// found too.</item>
/// </list>
/// </summary>
internal sealed record ReadLimits(bool Strict, int MaxAliasNodes)
{
    public const int MaxDepth = 64;

    /// <summary>Manifests on disk: a million copied nodes is far beyond any real use of anchors, yet bounded.</summary>
    public static readonly ReadLimits Lenient = new(false, 1_000_000);

    /// <summary>
    /// Drafts: a policy has tens of nodes, so anchors that share a selector or a peer list stay far below 1,000 copied
    /// nodes, while any alias bomb exceeds it within a few levels.
    /// </summary>
    public static readonly ReadLimits StrictDraft = new(true, 1_000);
}
