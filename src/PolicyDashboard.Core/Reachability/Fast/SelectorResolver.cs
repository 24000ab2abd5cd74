using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Turns selectors into class sets once per distinct selector (many policies repeat the same ones), using the
/// partition's namespace and label indexes instead of visiting every class.
/// </summary>
internal sealed class SelectorResolver
{
    private readonly ClassPartition _partition;
    private readonly IReadOnlyDictionary<string, Labels> _namespaceLabels;
    private readonly Dictionary<SelectorKey, string[]> _namespacesBySelector = [];
    private readonly Dictionary<(SelectorKey, SelectorKey), ClassSet> _podsBySelectors = [];
    private readonly Dictionary<(string, SelectorKey), ClassSet> _podsInNamespace = [];
    private readonly Dictionary<SelectorKey, ClassSet> _hostPods = [];
    private readonly Dictionary<int, ClassSet> _byIpSet = [];
    // Caches are shared by the instances an incremental update derives, which may run on several threads.
    private readonly Lock _gate = new();

    public SelectorResolver(ClassPartition partition, IReadOnlyDictionary<string, Labels> namespaceLabels)
    {
        _partition = partition;
        _namespaceLabels = namespaceLabels;
    }

    public int Universe => _partition.ClassCount;
    public ClassPartition Partition => _partition;
    public IReadOnlyDictionary<string, Labels> NamespaceLabels => _namespaceLabels;

    /// <summary>A resolver over a partition with the same classes (members moved): the caches stay valid.</summary>
    public SelectorResolver WithPartition(ClassPartition partition)
    {
        var copy = new SelectorResolver(partition, _namespaceLabels);
        lock (_gate)
        {
            foreach (var (k, v) in _namespacesBySelector) copy._namespacesBySelector[k] = v;
            foreach (var (k, v) in _podsBySelectors) copy._podsBySelectors[k] = v;
            foreach (var (k, v) in _podsInNamespace) copy._podsInNamespace[k] = v;
            foreach (var (k, v) in _hostPods) copy._hostPods[k] = v;
            foreach (var (k, v) in _byIpSet) copy._byIpSet[k] = v;
        }
        return copy;
    }

    public string[] Namespaces(CompiledSelector namespaceSelector)
    {
        var key = new SelectorKey(namespaceSelector);
        lock (_gate)
        {
            if (_namespacesBySelector.TryGetValue(key, out var cached)) return cached;
            var list = new List<string>();
            if (!namespaceSelector.MatchesNothing)
                foreach (var (name, labels) in _namespaceLabels)
                    if (namespaceSelector.Matches(labels)) list.Add(name);
            return _namespacesBySelector[key] = [.. list];
        }
    }

    /// <summary>
    /// Pods matching <paramref name="podSelector"/> in the namespaces matching <paramref name="namespaceSelector"/>.
    /// hostNetwork pods are excluded: they are node traffic, never selected by pod or namespace selectors.
    /// </summary>
    public ClassSet Pods(CompiledSelector namespaceSelector, CompiledSelector podSelector)
    {
        if (namespaceSelector.MatchesNothing || podSelector.MatchesNothing) return ClassSet.Empty;
        var key = (new SelectorKey(namespaceSelector), new SelectorKey(podSelector));
        lock (_gate)
        {
            if (_podsBySelectors.TryGetValue(key, out var cached)) return cached;
            var namespaces = Namespaces(namespaceSelector);
            HashSet<string>? nsSet = null;
            return _podsBySelectors[key] = Resolve(podSelector, namespaces, ns => (nsSet ??= new HashSet<string>(namespaces, StringComparer.Ordinal)).Contains(ns));
        }
    }

    /// <summary>Pods matching <paramref name="podSelector"/> in one namespace (a NetworkPolicy's own).</summary>
    public ClassSet PodsInNamespace(string ns, CompiledSelector podSelector)
    {
        if (podSelector.MatchesNothing) return ClassSet.Empty;
        var key = (ns, new SelectorKey(podSelector));
        lock (_gate)
        {
            if (_podsInNamespace.TryGetValue(key, out var cached)) return cached;
            return _podsInNamespace[key] = Resolve(podSelector, [ns], n => n == ns);
        }
    }

    private ClassSet Resolve(CompiledSelector podSelector, string[] namespaces, Func<string, bool> inNamespace)
    {
        var result = new List<int>();
        var classes = _partition.Classes;
        // An In requirement narrows the candidates to the classes carrying one of its values; cheaper than
        // walking every class of many namespaces.
        var narrowing = podSelector.Requirements.FirstOrDefault(r => r.Operator == SelectorOperator.In);
        if (narrowing.Key is not null && namespaces.Length > 1)
        {
            foreach (var v in narrowing.Values)
                if (_partition.ClassesByLabel.TryGetValue((narrowing.Key, v), out var ids))
                    foreach (var id in ids)
                        if (inNamespace(classes[id].Namespace) && podSelector.Matches(classes[id].Labels)) result.Add(id);
        }
        else
        {
            foreach (var ns in namespaces)
                if (_partition.ClassesByNamespace.TryGetValue(ns, out var ids))
                    foreach (var id in ids)
                        if (!classes[id].HostNetwork && podSelector.Matches(classes[id].Labels)) result.Add(id);
        }
        return ClassSet.From(result, Universe);
    }

    /// <summary>Host-network pod classes whose node matches a <c>nodes</c> peer.</summary>
    public ClassSet HostPodsOnNodes(CompiledSelector nodeSelector, NodeIndex nodes)
    {
        var key = new SelectorKey(nodeSelector);
        lock (_gate)
        {
            if (_hostPods.TryGetValue(key, out var cached)) return cached;
            var result = new List<int>();
            if (!nodeSelector.MatchesNothing)
                foreach (var c in _partition.Classes)
                    if (c.HostNetwork && nodes.HostMatches(c, nodeSelector)) result.Add(c.Id);
            return _hostPods[key] = ClassSet.From(result, Universe);
        }
    }

    /// <summary>Classes with an address inside IP set <paramref name="ipSetId"/> (an index into the partition's needs).</summary>
    public ClassSet PodsWithAddressIn(int ipSetId)
    {
        lock (_gate)
        {
            if (_byIpSet.TryGetValue(ipSetId, out var cached)) return cached;
            var result = new List<int>();
            foreach (var c in _partition.Classes)
                foreach (var sig in c.IpSignatures)
                    if (_partition.Signatures.SetsOf(sig).Contains(ipSetId)) { result.Add(c.Id); break; }
            return _byIpSet[ipSetId] = ClassSet.From(result, Universe);
        }
    }
}
