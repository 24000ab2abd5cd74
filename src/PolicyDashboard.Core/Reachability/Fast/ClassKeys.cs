using System.Collections.Frozen;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;

namespace PolicyDashboard.Core.Reachability.Fast;

/// <summary>
/// Writes the key of a pod's class as a tuple of small integers: two pods fall in the same class exactly when their
/// tuples are equal. Strings (namespace, label values, port and node names) are interned to ids on first sight, so a
/// pod costs a few dictionary probes and no allocation. What the tuple holds, and why, is listed on
/// <see cref="PodClass"/>; the layout is
/// <c>namespace, n, (label key, value)×n, m, (port name, port, protocol)×m, address flags, [node], s, signature×s, [h, address×h]</c>,
/// counts first so that no two different contents give the same tuple.
/// </summary>
internal sealed class ClassKeys
{
    private const int HostNetworkFlag = 1, AddressUnknownFlag = 2, HasAddressFlag = 4;

    private readonly PartitionNeeds _needs;
    private readonly Dictionary<int[], Labels> _labels = new(IntTupleComparer.Instance);
    private readonly IpSignatures _signatures;
    private readonly FrozenDictionary<string, int> _keyIds;
    private readonly Dictionary<string, int>[] _valueIds;
    private readonly Dictionary<string, int> _namespaceIds = new(StringComparer.Ordinal);
    private readonly FrozenDictionary<string, int> _portNameIds;
    private readonly Dictionary<string, int> _nodeIds = new(StringComparer.Ordinal);

    public ClassKeys(PartitionNeeds needs, IpSignatures signatures)
    {
        _needs = needs;
        _signatures = signatures;
        var keys = needs.PodLabelKeys.Order(StringComparer.Ordinal).ToArray();
        _keyIds = keys.Select((k, i) => KeyValuePair.Create(k, i)).ToFrozenDictionary(StringComparer.Ordinal);
        _valueIds = new Dictionary<string, int>[keys.Length];
        for (var i = 0; i < keys.Length; i++) _valueIds[i] = new(StringComparer.Ordinal);
        _portNameIds = needs.PortNames.Order(StringComparer.Ordinal).Select((n, i) => KeyValuePair.Create(n, i)).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes <paramref name="pod"/>'s tuple into <paramref name="buffer"/>. With <paramref name="intern"/> false the
    /// tables are only read (safe alongside other readers) and a string never seen makes it return false: no
    /// existing class can have that tuple.
    /// </summary>
    public bool Write(PodInfo pod, TupleBuffer buffer, bool intern)
    {
        buffer.Clear();
        if (!Id(_namespaceIds, pod.Namespace, intern, out var ns)) return false;
        buffer.Add(ns);

        var countAt = buffer.Reserve();
        var labels = pod.Labels;
        var keys = labels.KeyArray;
        if (!keys.IsDefaultOrEmpty)
        {
            var values = labels.ValueArray;
            for (var i = 0; i < keys.Length; i++)
            {
                if (!_keyIds.TryGetValue(keys[i], out var k)) continue;
                if (!Id(_valueIds[k], values[i], intern, out var v)) return false;
                buffer.InsertPairSorted(countAt + 1, k, v);
            }
        }
        buffer.SetCount(countAt, (buffer.Length - countAt - 1) / 2);

        countAt = buffer.Reserve();
        if (_portNameIds.Count > 0 && !pod.Ports.IsDefaultOrEmpty)
            foreach (var p in pod.Ports)
                if (p.Name is not null && _portNameIds.TryGetValue(p.Name, out var n))
                    buffer.InsertTripleSorted(countAt + 1, n, (int)p.Protocol, p.Port);
        buffer.SetCount(countAt, (buffer.Length - countAt - 1) / 3);

        var ips = buffer.Addresses(pod.Ips);
        buffer.Add((pod.HostNetwork ? HostNetworkFlag : 0) | (ips.Length > 0 ? HasAddressFlag : pod.AddressUnknown ? AddressUnknownFlag : 0));
        if (pod.HostNetwork)
        {
            if (!Id(_nodeIds, pod.NodeName ?? "", intern, out var node)) return false;
            buffer.Add(node);
        }
        if (_needs.IpSets.Count == 0) buffer.Add(0);
        else
        {
            buffer.Add(ips.Length);
            foreach (var ip in ips) buffer.Add(_signatures.SignatureOf(ip));
        }
        // Host-network pods are told apart by their addresses too (node peers match node addresses).
        if (pod.HostNetwork)
        {
            buffer.Add(ips.Length);
            foreach (var ip in ips)
            {
                buffer.Add(ip.IsV6 ? 1 : 0);
                buffer.Add((int)(uint)ip.Value);
                buffer.Add((int)(uint)(ip.Value >> 32));
                buffer.Add((int)(uint)(ip.Value >> 64));
                buffer.Add((int)(uint)(ip.Value >> 96));
            }
        }
        return true;
    }

    /// <summary>
    /// The labels of a class whose tuple is in <paramref name="buffer"/> (written for <paramref name="pod"/>): the
    /// pod's labels restricted to the keys selectors read, one shared instance per distinct content.
    /// </summary>
    public Labels LabelsOf(PodInfo pod, TupleBuffer buffer)
    {
        var pairs = buffer.Span.Slice(2, 2 * buffer.Span[1]);
        var lookup = _labels.GetAlternateLookup<ReadOnlySpan<int>>();
        if (lookup.TryGetValue(pairs, out var labels)) return labels;
        var list = new List<KeyValuePair<string, string>>(pairs.Length / 2);
        var (keys, values) = (pod.Labels.KeyArray, pod.Labels.ValueArray);
        if (!keys.IsDefaultOrEmpty)
            for (var i = 0; i < keys.Length; i++)
                if (_keyIds.ContainsKey(keys[i])) list.Add(KeyValuePair.Create(keys[i], values[i]));
        return lookup[pairs] = Labels.From(list);
    }

    private static bool Id(Dictionary<string, int> ids, string text, bool intern, out int id)
    {
        if (ids.TryGetValue(text, out id)) return true;
        if (!intern) return false;
        ids[text] = id = ids.Count;
        return true;
    }
}
