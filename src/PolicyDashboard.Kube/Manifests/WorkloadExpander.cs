using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Manifests;

/// <summary>
/// Turns workload manifests into the pods their controllers would create, so policies written against a
/// Deployment's template labels can be analyzed from CI manifests alone. Pods get names shaped like the
/// controllers' (Deployment "web-&lt;hash&gt;-&lt;n&gt;", StatefulSet "db-0") and the workload as owner.
/// Without a live cluster there are no pod IPs: a workload may list them in <see cref="PodIpsAnnotation"/>.
/// </summary>
public static class WorkloadExpander
{
    /// <summary>Comma-separated IPs handed to the expanded pods in order (one per pod; extra pods get none).</summary>
    public const string PodIpsAnnotation = "policy-dashboard.io/pod-ips";

    public static readonly ImmutableHashSet<string> Kinds = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"];

    /// <summary>Pods for one workload. DaemonSets get one pod per node (or one when no node is known).</summary>
    public static ImmutableArray<PodInfo> Expand(
        string kind, V1ObjectMeta? meta, V1PodTemplateSpec? template, int? replicas, IReadOnlyList<string> nodeNames, string defaultNamespace)
    {
        var name = meta?.Name ?? "";
        var ns = string.IsNullOrEmpty(meta?.NamespaceProperty) ? defaultNamespace : meta.NamespaceProperty;
        var ips = meta?.Annotations is { } a && a.TryGetValue(PodIpsAnnotation, out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        // Each spec's replicas defaults to 1 (Deployment, ReplicaSet and StatefulSet API references).
        var count = kind == "DaemonSet" ? Math.Max(1, nodeNames.Count) : Math.Max(0, replicas ?? 1);
        var hash = TemplateHash(kind, ns, name);
        var labels = Labels.From(template?.Metadata?.Labels);
        if (kind == "Deployment") labels = labels.With("pod-template-hash", hash);
        var owner = new WorkloadRef(kind, name);
        var ports = PodConverter.Ports(template?.Spec);
        var result = ImmutableArray.CreateBuilder<PodInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var podName = kind switch
            {
                "StatefulSet" => $"{name}-{i}",
                "Deployment" => $"{name}-{hash}-{Suffix(hash, i)}",
                _ => $"{name}-{Suffix(hash, i)}",
            };
            var node = kind == "DaemonSet" && i < nodeNames.Count ? nodeNames[i] : template?.Spec?.NodeName;
            result.Add(new PodInfo(
                new Core.Model.ObjectMeta(podName, ns, Labels: labels, Annotations: Labels.From(template?.Metadata?.Annotations)),
                i < ips.Length ? [ips[i]] : ImmutableArray<string>.Empty,
                ports,
                template?.Spec?.HostNetwork ?? false,
                "Running",
                node,
                owner,
                AddressUnknown: i >= ips.Length));
        }

        return result.ToImmutable();
    }

    // Deterministic stand-ins for the controllers' random suffixes, from the alphabet they use (no vowels, no 0/1/3).
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static string TemplateHash(string kind, string ns, string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{ns}/{name}"));
        return new string(bytes.Take(10).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
    }

    private static string Suffix(string hash, int index)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{hash}/{index}"));
        return new string(bytes.Take(5).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
    }
}
