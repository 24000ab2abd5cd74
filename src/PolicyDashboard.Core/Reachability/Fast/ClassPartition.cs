using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>What the policies look at, and therefore what may split pods into different classes.</summary>
internal sealed record PartitionNeeds(
    IReadOnlySet<string> PodLabelKeys,
    IReadOnlySet<string> PortNames,
    IReadOnlyList<IpRangeSet> IpSets)
{
    /// <summary>True when <paramref name="other"/> needs nothing this partition does not already distinguish.</summary>
    public bool Covers(PartitionNeeds other) =>
        other.PodLabelKeys.IsSubsetOf(PodLabelKeys) && other.PortNames.IsSubsetOf(PortNames) &&
        other.IpSets.All(s => s.IsEmpty || IpSets.Contains(s));
}

/// <summary>The pods of a snapshot grouped into <see cref="PodClass"/>es, with the indexes selectors resolve against.</summary>
public sealed class ClassPartition
{
    private readonly ClassKeys _keys;
    private readonly Dictionary<int[], int> _classByKey;
    private readonly Dictionary<ObjectKey, int> _podIndex;

    internal ClassPartition(PodTable table, PartitionNeeds needs)
    {
        Needs = needs;
        Signatures = new IpSignatures(needs.IpSets);
        _keys = new ClassKeys(needs, Signatures);
        var pods = table.Pods;
        var podClass = new int[pods.Length];
        _podIndex = table.Index;
        _classByKey = new Dictionary<int[], int>(IntTupleComparer.Instance);
        var byTuple = _classByKey.GetAlternateLookup<ReadOnlySpan<int>>();
        var classes = new List<PodClass>();
        var buffer = new TupleBuffer();
        // Large clusters are keyed in two halves on two threads: the second half with its own tables, its classes
        // then looked up (or added) in the first half's in order of first appearance — the ids a single pass gives.
        var split = pods.Length >= SplitAbove ? pods.Length / 2 : pods.Length;
        var secondKeys = split < pods.Length ? new ClassKeys(needs, Signatures) : null;
        var secondFirsts = new List<int>();
        TwoCores.Run(secondKeys is null ? [KeyFirstHalf] : [KeyFirstHalf, KeySecondHalf]);

        void KeyFirstHalf()
        {
            for (var i = 0; i < split; i++)
            {
                var pod = pods[i];
                _keys.Write(pod, buffer, intern: true);
                if (!byTuple.TryGetValue(buffer.Span, out var id))
                {
                    id = classes.Count;
                    classes.Add(Describe(id, pod, _keys.LabelsOf(pod, buffer)));
                    byTuple[buffer.Span] = id;
                }
                podClass[i] = id;
            }
        }

        void KeySecondHalf()
        {
            var local = new Dictionary<int[], int>(IntTupleComparer.Instance).GetAlternateLookup<ReadOnlySpan<int>>();
            var own = new TupleBuffer();
            for (var i = split; i < pods.Length; i++)
            {
                secondKeys!.Write(pods[i], own, intern: true);
                if (!local.TryGetValue(own.Span, out var id))
                {
                    id = secondFirsts.Count;
                    secondFirsts.Add(i);
                    local[own.Span] = id;
                }
                podClass[i] = id;
            }
        }

        if (secondKeys is not null)
        {
            var global = new int[secondFirsts.Count];
            for (var l = 0; l < global.Length; l++)
            {
                var pod = pods[secondFirsts[l]];
                _keys.Write(pod, buffer, intern: true);
                if (!byTuple.TryGetValue(buffer.Span, out var id))
                {
                    id = classes.Count;
                    classes.Add(Describe(id, pod, _keys.LabelsOf(pod, buffer)));
                    byTuple[buffer.Span] = id;
                }
                global[l] = id;
            }
            for (var i = split; i < pods.Length; i++) podClass[i] = global[podClass[i]];
        }
        // Members in pod order: count, then place.
        var counts = new int[classes.Count];
        foreach (var c in podClass) counts[c]++;
        var members = new int[classes.Count][];
        for (var c = 0; c < members.Length; c++) members[c] = new int[counts[c]];
        Array.Clear(counts);
        for (var p = 0; p < podClass.Length; p++) members[podClass[p]][counts[podClass[p]]++] = p;
        for (var c = 0; c < classes.Count; c++) classes[c].Members = ImmutableCollectionsMarshal.AsImmutableArray(members[c]);
        Pods = pods;
        PodClassIds = podClass;
        Classes = [.. classes];

        var byNs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var byLabel = new Dictionary<(string, string), List<int>>();
        foreach (var c in Classes)
        {
            if (!byNs.TryGetValue(c.Namespace, out var list)) byNs[c.Namespace] = list = [];
            list.Add(c.Id);
            if (c.HostNetwork) continue; // never selected by pod selectors: keep them out of the label index
            foreach (var k in c.Labels.Keys)
            {
                if (!byLabel.TryGetValue((k, c.Labels[k]), out var l)) byLabel[(k, c.Labels[k])] = l = [];
                l.Add(c.Id);
            }
        }
        ClassesByNamespace = byNs.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        ClassesByLabel = byLabel.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    private ClassPartition(ClassPartition from, PodInfo[] pods, int[] podClassIds, Dictionary<ObjectKey, int> podIndex, ImmutableArray<PodClass> classes)
    {
        Needs = from.Needs;
        Signatures = from.Signatures;
        _keys = from._keys;
        _classByKey = from._classByKey;
        ClassesByNamespace = from.ClassesByNamespace;
        ClassesByLabel = from.ClassesByLabel;
        Pods = pods;
        PodClassIds = podClassIds;
        _podIndex = podIndex;
        Classes = classes;
    }

    /// <summary>
    /// This partition with one pod added, updated or deleted (<paramref name="pod"/> null), the pod falling in the
    /// existing class <paramref name="targetClass"/>. Classes keep their ids; only member lists change. A deleted
    /// pod's index is taken by the last pod.
    /// </summary>
    internal ClassPartition WithPod(ObjectKey key, PodInfo? pod, int targetClass)
    {
        var pods = new List<PodInfo>(Pods);
        var classIds = new List<int>(PodClassIds);
        var index = new Dictionary<ObjectKey, int>(_podIndex);
        var members = new Dictionary<int, List<int>>();
        List<int> MembersOf(int c) => members.TryGetValue(c, out var m) ? m : members[c] = [.. Classes[c].Members];

        if (_podIndex.TryGetValue(key, out var i))
        {
            var oldClass = PodClassIds[i];
            if (pod is not null)
            {
                pods[i] = pod;
                if (oldClass != targetClass)
                {
                    MembersOf(oldClass).Remove(i);
                    MembersOf(targetClass).Add(i);
                    classIds[i] = targetClass;
                }
            }
            else
            {
                MembersOf(oldClass).Remove(i);
                var last = pods.Count - 1;
                if (i != last)
                {
                    var moved = pods[last];
                    pods[i] = moved;
                    classIds[i] = classIds[last];
                    index[moved.Key] = i;
                    var list = MembersOf(classIds[last]);
                    list[list.IndexOf(last)] = i;
                }
                pods.RemoveAt(last);
                classIds.RemoveAt(last);
                index.Remove(key);
            }
        }
        else if (pod is not null)
        {
            index[key] = pods.Count;
            MembersOf(targetClass).Add(pods.Count);
            pods.Add(pod);
            classIds.Add(targetClass);
        }
        var classes = Classes.ToBuilder();
        foreach (var (c, list) in members) classes[c] = Classes[c].WithMembers([.. list]);
        return new ClassPartition(this, [.. pods], [.. classIds], index, classes.ToImmutable());
    }

    /// <summary>Pods from which the keys are computed on two threads (below, the second thread costs more than it saves).</summary>
    private const int SplitAbove = 32_768;

    internal PartitionNeeds Needs { get; }
    internal IpSignatures Signatures { get; }
    public ImmutableArray<PodClass> Classes { get; }
    public int ClassCount => Classes.Length;
    /// <summary>Every pod of the snapshot, in the partition's (arbitrary but fixed) order.</summary>
    public IReadOnlyList<PodInfo> Pods { get; }
    internal int[] PodClassIds { get; }
    internal Dictionary<string, int[]> ClassesByNamespace { get; }
    internal Dictionary<(string Key, string Value), int[]> ClassesByLabel { get; }

    public int ClassOfPod(int podIndex) => PodClassIds[podIndex];
    public bool TryGetPodIndex(ObjectKey key, out int index) => _podIndex.TryGetValue(key, out index);

    /// <summary>The class a pod with this content would fall in, or -1 when it would need a new class.</summary>
    internal int ExistingClassOf(PodInfo pod)
    {
        var buffer = new TupleBuffer();
        return _keys.Write(pod, buffer, intern: false) && _classByKey.GetAlternateLookup<ReadOnlySpan<int>>().TryGetValue(buffer.Span, out var id) ? id : -1;
    }

    /// <summary>Addresses as the reference engine reads them: unparsable ones dropped, duplicates removed.</summary>
    internal static ImmutableArray<IpAddr> ParseIps(ImmutableArray<string> texts)
    {
        if (texts.IsDefaultOrEmpty) return [];
        if (texts.Length == 1) return TryParseIp(texts[0], out var only) ? [only] : [];
        var result = ImmutableArray.CreateBuilder<IpAddr>(texts.Length);
        foreach (var t in texts)
            if (TryParseIp(t, out var ip) && !result.Contains(ip)) result.Add(ip);
        return result.ToImmutable();
    }

    /// <summary>
    /// <see cref="IpAddr.TryParse"/> with an allocation-free path for the common dotted quad (1–3 decimal digits per
    /// octet, each at most 255 — exactly the forms it accepts); anything else goes to it.
    /// </summary>
    internal static bool TryParseIp(string text, out IpAddr ip)
    {
        uint value = 0, octet = 0;
        int digits = 0, dots = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                octet = octet * 10 + (uint)(c - '0');
                if (++digits > 3 || octet > 255) return IpAddr.TryParse(text, out ip);
            }
            else if (c == '.' && digits > 0 && dots < 3) { value = (value << 8) | octet; octet = 0; digits = 0; dots++; }
            else return IpAddr.TryParse(text, out ip);
        }
        if (dots != 3 || digits == 0) return IpAddr.TryParse(text, out ip);
        ip = new IpAddr((value << 8) | octet, false);
        return true;
    }

    /// <summary>A new class with <paramref name="pod"/> as its representative: the parts of it the class key reads.</summary>
    private PodClass Describe(int id, PodInfo pod, Labels labels)
    {
        ImmutableArray<ContainerPort> ports = [];
        if (Needs.PortNames.Count > 0 && !pod.Ports.IsDefaultOrEmpty)
        {
            var named = new List<ContainerPort>();
            foreach (var p in pod.Ports)
                if (p.Name is not null && Needs.PortNames.Contains(p.Name)) named.Add(p with { Container = null });
            named.Sort((a, b) => a.Name == b.Name ? a.Protocol != b.Protocol ? a.Protocol.CompareTo(b.Protocol) : a.Port.CompareTo(b.Port) : string.CompareOrdinal(a.Name, b.Name));
            ports = [.. named];
        }

        var ips = ParseIps(pod.Ips);
        var sigs = Needs.IpSets.Count == 0 ? [] : new int[ips.Length];
        for (var j = 0; j < sigs.Length; j++) sigs[j] = Signatures.SignatureOf(ips[j]);
        return new PodClass(id, pod.Namespace, labels, pod, ports, ips, sigs);
    }
}
