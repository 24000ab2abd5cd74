using System.Collections.Immutable;
using k8s.Models;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Convert;

/// <summary>V1Pod → <see cref="PodInfo"/>: addresses, named ports, placement and the owning workload.</summary>
public static class PodConverter
{
    public static PodInfo ToModel(V1Pod pod, string? defaultNamespace = null)
    {
        var meta = MetaConverter.ToModel(pod.Metadata, namespaced: true, defaultNamespace);
        var status = pod.Status;
        return new PodInfo(
            meta,
            Ips(status),
            Ports(pod.Spec),
            pod.Spec?.HostNetwork ?? false,
            status?.Phase ?? "Pending",
            pod.Spec?.NodeName,
            Owner(pod.Metadata?.OwnerReferences, meta.Labels),
            status?.ContainerStatuses?.Sum(c => c?.RestartCount ?? 0) ?? 0,
            AddressUnknown: IsSpecOnly(status));
    }

    /// <summary>
    /// An API server always reports a phase; a pod without one comes from a manifest that carries only the spec.
    /// Such a pod would be running with some address once applied, so it is treated as reachable with an address
    /// we do not know (see <see cref="PodInfo.AddressUnknown"/>), rather than as a Pending pod without an IP.
    /// </summary>
    internal static bool IsSpecOnly(V1PodStatus? status) =>
        string.IsNullOrEmpty(status?.Phase) && Ips(status).IsEmpty;

    /// <summary>status.podIPs lists every address (dual stack, primary first); podIP alone is the older single-stack field.</summary>
    internal static ImmutableArray<string> Ips(V1PodStatus? status)
    {
        if (status?.PodIPs is { Count: > 0 } ips)
            return ips.Select(i => i?.Ip).Where(ip => !string.IsNullOrEmpty(ip)).Select(ip => ip!).Distinct(StringComparer.Ordinal).ToImmutableArray();
        return string.IsNullOrEmpty(status?.PodIP) ? ImmutableArray<string>.Empty : [status.PodIP];
    }

    /// <summary>
    /// Ports declared by the containers; sidecars (init containers with restartPolicy Always) keep running and
    /// serve too. Named NetworkPolicy ports resolve against these names with their protocol (TCP by default).
    /// </summary>
    internal static ImmutableArray<ContainerPort> Ports(V1PodSpec? spec)
    {
        if (spec is null) return ImmutableArray<ContainerPort>.Empty;
        var containers = (spec.Containers ?? []).Concat((spec.InitContainers ?? []).Where(c => c?.RestartPolicy == "Always"));
        var result = ImmutableArray.CreateBuilder<ContainerPort>();
        foreach (var c in containers)
        {
            foreach (var p in c?.Ports ?? [])
            {
                if (p is null) continue;
                result.Add(new ContainerPort(string.IsNullOrEmpty(p.Name) ? null : p.Name, p.ContainerPort, InventoryConverter.ParseProtocol(p.Protocol), c!.Name));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The workload behind a pod. A Deployment's pods are owned by a ReplicaSet named
    /// "&lt;deployment&gt;-&lt;pod-template-hash&gt;" and carry the hash as a label, so stripping "-hash" gives the
    /// Deployment without reading the ReplicaSet. StatefulSet, DaemonSet and Job own their pods directly.
    /// A pod without owner references is bare (no workload).
    /// </summary>
    public static WorkloadRef? Owner(IList<V1OwnerReference>? owners, Labels labels)
    {
        if (owners is null || owners.Count == 0) return null;
        var owner = owners.FirstOrDefault(o => o?.Controller == true) ?? owners.FirstOrDefault(o => o is not null);
        if (owner is null || string.IsNullOrEmpty(owner.Kind) || string.IsNullOrEmpty(owner.Name)) return null;
        if (owner.Kind == "ReplicaSet" && labels.TryGetValue("pod-template-hash", out var hash) && hash.Length > 0 &&
            owner.Name.Length > hash.Length + 1 && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
            return new WorkloadRef("Deployment", owner.Name[..^(hash.Length + 1)]);
        return new WorkloadRef(owner.Kind, owner.Name);
    }
}
