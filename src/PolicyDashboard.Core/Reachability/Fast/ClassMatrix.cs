using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Class-level reachability for one (protocol, port): per destination class the bitset of source classes its
/// ingress allows, per source class the bitset of destination classes its egress allows. Rows are computed once per
/// distinct program (classes sharing a program share the row), with the tiers applied to whole bitsets: admin rules
/// in order on what is still undecided, Pass handing its part to NetworkPolicy, the union of NetworkPolicy rules where
/// isolated, otherwise the baseline tier and the default allow.
/// </summary>
public sealed class ClassMatrix
{
    private readonly FastReachability _r;
    private readonly int _words;

    internal ClassMatrix(FastReachability reachability, Protocol protocol, int port)
    {
        _r = reachability;
        Protocol = protocol;
        Port = port;
        var n = reachability.Partition.ClassCount;
        _words = (n + 63) >> 6;
        Ingress = new ulong[n][];
        Egress = new ulong[n][];
        var ingressMemo = new Dictionary<(DirectionProgram, string), ulong[]>();
        var egressMemo = new Dictionary<DirectionProgram, ulong[]>();
        // Rules are shared by many programs: their peer bits are made once per matrix.
        var peerBits = new Dictionary<FastRule, ulong[]>(ReferenceEqualityComparer.Instance);
        var egressBits = new Dictionary<FastRule, ulong[]?>(ReferenceEqualityComparer.Instance);
        ulong[] PeersOf(FastRule rule) => peerBits.TryGetValue(rule, out var b) ? b : peerBits[rule] = PeerBits(rule, null);
        ulong[]? EgressOf(FastRule rule) => egressBits.TryGetValue(rule, out var b) ? b : egressBits[rule] = EgressBits(rule, PeersOf);
        var classes = reachability.Partition.Classes;
        var all = AllOnes(n);
        for (var c = 0; c < n; c++)
        {
            var cls = classes[c];
            if (cls.HostNetwork) { Ingress[c] = all; Egress[c] = all; continue; }

            var inProgram = reachability.IngressOf(c);
            // Named ports resolve on the destination, which for ingress is this class: rows differ only by that resolution.
            var key = (inProgram, inProgram.IsOpen ? "" : NamedKey(cls));
            if (!ingressMemo.TryGetValue(key, out var inRow))
                ingressMemo[key] = inRow = inProgram.IsOpen ? all : Row(inProgram, rule => rule.Ports.Matches(protocol, port, cls) ? PeersOf(rule) : null);
            Ingress[c] = inRow;

            var outProgram = reachability.EgressOf(c);
            if (!egressMemo.TryGetValue(outProgram, out var outRow))
                egressMemo[outProgram] = outRow = outProgram.IsOpen ? all : Row(outProgram, EgressOf);
            Egress[c] = outRow;
        }
    }

    public Protocol Protocol { get; }
    public int Port { get; }
    /// <summary>Ingress[d] has bit s when ingress at class d allows class s.</summary>
    internal ulong[][] Ingress { get; }
    /// <summary>Egress[s] has bit d when egress at class s allows class d.</summary>
    internal ulong[][] Egress { get; }

    public bool IngressAllows(int sourceClass, int destinationClass) => (Ingress[destinationClass][sourceClass >> 6] & (1UL << sourceClass)) != 0;
    public bool EgressAllows(int sourceClass, int destinationClass) => (Egress[sourceClass][destinationClass >> 6] & (1UL << destinationClass)) != 0;

    private static string NamedKey(PodClass c) =>
        c.NamedPorts.IsEmpty ? "" : string.Join(',', c.NamedPorts.Select(p => $"{p.Name}:{p.Port}/{p.Protocol}"));

    private ulong[] AllOnes(int n)
    {
        var bits = new ulong[_words];
        for (var i = 0; i < n; i++) bits[i >> 6] |= 1UL << i;
        return bits;
    }

    private ulong[] PeerBits(FastRule rule, ClassSet? restrict)
    {
        var bits = new ulong[_words];
        foreach (var peer in rule.Peers)
        {
            if (peer.Any) { var n = _r.Partition.ClassCount; for (var i = 0; i < n; i++) bits[i >> 6] |= 1UL << i; break; }
            peer.Pods.OrInto(bits);
        }
        restrict?.AndInto(bits);
        return bits;
    }

    /// <summary>Egress rules: named ports resolve on each destination class, so they narrow the peer set.</summary>
    private ulong[]? EgressBits(FastRule rule, Func<FastRule, ulong[]> peersOf)
    {
        if (rule.Ports.Numeric.Contains(Protocol, Port)) return peersOf(rule);
        if (rule.Ports.Named.IsEmpty) return null;
        var resolving = new List<int>();
        foreach (var c in _r.Partition.Classes)
            foreach (var named in rule.Ports.Named)
                if (c.Resolve(named.Name, named.Protocol).Contains(Protocol, Port)) { resolving.Add(c.Id); break; }
        return resolving.Count == 0 ? null : PeerBits(rule, ClassSet.From(resolving, _r.Partition.ClassCount));
    }

    private ulong[] Row(DirectionProgram program, Func<FastRule, ulong[]?> bitsOf)
    {
        var w = _words;
        var n = _r.Partition.ClassCount;
        var allowed = new ulong[w];
        var undecided = AllOnes(n);
        var passed = new ulong[w];
        foreach (var rule in program.Admin)
        {
            if (bitsOf(rule) is not { } m) continue;
            for (var i = 0; i < w; i++)
            {
                var hit = m[i] & undecided[i];
                if (rule.Action == AdminAction.Allow) allowed[i] |= hit;
                else if (rule.Action == AdminAction.Pass) passed[i] |= hit;
                undecided[i] &= ~hit;
            }
        }
        for (var i = 0; i < w; i++) undecided[i] |= passed[i]; // what goes on to the NetworkPolicy tier
        if (program.Isolated)
        {
            var np = new ulong[w];
            foreach (var rule in program.NetworkPolicy)
                if (bitsOf(rule) is { } m)
                    for (var i = 0; i < w; i++) np[i] |= m[i];
            for (var i = 0; i < w; i++) allowed[i] |= undecided[i] & np[i];
            return allowed;
        }
        foreach (var rule in program.Baseline)
        {
            if (bitsOf(rule) is not { } m) continue;
            for (var i = 0; i < w; i++)
            {
                var hit = m[i] & undecided[i];
                // Pass in the baseline tier leaves nothing further to decide: the default allow applies.
                if (rule.Action != AdminAction.Deny) allowed[i] |= hit;
                undecided[i] &= ~hit;
            }
        }
        for (var i = 0; i < w; i++) allowed[i] |= undecided[i];
        return allowed;
    }
}
