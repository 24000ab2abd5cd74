using System.Collections.Immutable;
using PolicyDashboard.Core.Describe;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Core.Compose;

/// <summary>What a diagram box stands for.</summary>
public enum DiagramNodeKind
{
    /// <summary>The pods the policy selects (the middle column).</summary>
    Subject,
    /// <summary>A peer of a rule: allowed sources (left) or destinations (right).</summary>
    Peer,
    /// <summary>The direction is isolated and no rule allows anything: everything is denied.</summary>
    Denied,
    /// <summary>The policy does not isolate this direction: it leaves that traffic to other policies.</summary>
    NotIsolated,
}

/// <summary>One box of the diagram, placed: <see cref="Detail"/> is what it matches now ("2 pods in default").</summary>
public sealed record DiagramNode(string Id, DiagramNodeKind Kind, string Label, string Detail, double X, double Y, double Width, double Height);

/// <summary>
/// An arrow from one box to another, labelled with the ports that the rule (<see cref="Rule"/>, e.g. <c>ingress[0]</c>)
/// allows; for an admin-tier rule, with its <see cref="Action"/> (its place in the rule order is in the label).
/// </summary>
public sealed record DiagramEdge(string From, string To, string Label, string Rule, Direction Direction, AdminAction? Action = null);

/// <summary>
/// A NetworkPolicy drawn as allowed sources → selected pods → allowed destinations, with ports on the arrows, laid out
/// in three columns. Each rule's peers are boxes of their own (peers of one rule are alternatives; a rule without
/// peers is one box, "any source" / "any destination"). A direction the policy isolates without rules shows one
/// "denied" box; a direction it does not isolate, a "not isolated" box.
/// </summary>
public sealed record PolicyDiagram(ImmutableArray<DiagramNode> Nodes, ImmutableArray<DiagramEdge> Edges, double Width, double Height)
{
    public const double ColumnWidth = 270;
    public const double Gap = 150;
    public const double BoxHeight = 52;
    public const double RowGap = 14;
    public const double Margin = 8;

    public static PolicyDiagram Of(NetworkPolicyInfo policy, ClusterSnapshot cluster)
    {
        var compiled = NetworkPolicyCompiler.Compile(policy, ImmutableArray.CreateBuilder<CompileIssue>());
        var subject = DraftSelection.Subjects(cluster, policy.Namespace, policy.PodSelector);
        var subjectLabel = compiled.PodSelector switch
        {
            { MatchesEverything: true } => $"all pods in {policy.Namespace}",
            { MatchesNothing: true } => "no pods",
            var s => $"pods with {Describe.SelectorWords.Of(s)} in {policy.Namespace}",
        };
        return Lay(subjectLabel, subject.Summary, Side(compiled, policy, cluster, Direction.Ingress), Side(compiled, policy, cluster, Direction.Egress));
    }

    /// <summary>A box before it is placed; <see cref="Ports"/> set = an arrow to (ingress) or from (egress) the subject.</summary>
    internal sealed record Box(string Id, DiagramNodeKind Kind, string Label, string Detail, string? Ports = null, string? Rule = null, AdminAction? Action = null);

    /// <summary>Places the subject in the middle column, <paramref name="left"/> and <paramref name="right"/> beside it, centred.</summary>
    internal static PolicyDiagram Lay(string subjectLabel, string subjectDetail, List<Box> left, List<Box> right)
    {
        var rows = Math.Max(1, Math.Max(left.Count, right.Count));
        var height = rows * BoxHeight + (rows - 1) * RowGap + 2 * Margin;
        var width = 3 * ColumnWidth + 2 * Gap + 2 * Margin;

        var nodes = ImmutableArray.CreateBuilder<DiagramNode>();
        var edges = ImmutableArray.CreateBuilder<DiagramEdge>();
        nodes.Add(new DiagramNode("subject", DiagramNodeKind.Subject, subjectLabel, subjectDetail,
            Margin + ColumnWidth + Gap, (height - BoxHeight) / 2, ColumnWidth, BoxHeight));
        Place(left, Margin, height, Direction.Ingress, nodes, edges);
        Place(right, Margin + 2 * (ColumnWidth + Gap), height, Direction.Egress, nodes, edges);
        return new PolicyDiagram(nodes.ToImmutable(), edges.ToImmutable(), width, height);
    }

    private static List<Box> Side(CompiledNetworkPolicy compiled, NetworkPolicyInfo policy, ClusterSnapshot cluster, Direction direction)
    {
        var name = direction == Direction.Ingress ? "ingress" : "egress";
        if (!compiled.Affects(direction))
            return [new Box($"{name}-open", DiagramNodeKind.NotIsolated, $"{name} not isolated", "this policy leaves it to others", null)];
        var rules = compiled.Rules(direction);
        if (rules.IsEmpty)
            return [new Box($"{name}-denied", DiagramNodeKind.Denied, $"no {name} allowed", "every connection is denied", null)];

        var source = direction == Direction.Ingress ? policy.Ingress : policy.Egress;
        var boxes = new List<Box>();
        foreach (var rule in rules)
        {
            var ports = Describe.PortWords.Of(rule.Ports);
            var path = $"{name}[{rule.Index}]";
            var peers = rule.Index < source.Length ? source[rule.Index].Peers : [];
            if (rule.PeersOmitted)
            {
                var everyone = DraftSelection.Rule(cluster, policy.Namespace, []);
                boxes.Add(new Box($"{name}-{rule.Index}", DiagramNodeKind.Peer, direction == Direction.Ingress ? "any source" : "any destination", everyone.Summary, ports, path));
                continue;
            }
            for (var j = 0; j < rule.Peers.Length; j++)
            {
                var detail = j < peers.Length ? DraftSelection.Peer(cluster, policy.Namespace, peers[j]).Summary : "";
                boxes.Add(new Box($"{name}-{rule.Index}-{j}", DiagramNodeKind.Peer, PeerWords.Of(rule.Peers[j]), detail, ports, path));
            }
        }
        return boxes;
    }

    private static void Place(List<Box> boxes, double x, double height, Direction direction,
        ImmutableArray<DiagramNode>.Builder nodes, ImmutableArray<DiagramEdge>.Builder edges)
    {
        var used = boxes.Count * BoxHeight + (boxes.Count - 1) * RowGap;
        var y = (height - used) / 2;
        foreach (var box in boxes)
        {
            nodes.Add(new DiagramNode(box.Id, box.Kind, box.Label, box.Detail, x, y, ColumnWidth, BoxHeight));
            if (box.Ports is { } ports)
                edges.Add(direction == Direction.Ingress
                    ? new DiagramEdge(box.Id, "subject", ports, box.Rule!, direction, box.Action)
                    : new DiagramEdge("subject", box.Id, ports, box.Rule!, direction, box.Action));
            y += BoxHeight + RowGap;
        }
    }
}
