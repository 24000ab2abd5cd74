using System.Text.Json.Serialization;

namespace PolicyDashboard.Kube.Convert;

// The policy.networking.k8s.io types (kubernetes-sigs/network-policy-api apis/v1alpha1 and apis/v1alpha2), reduced
// to the fields the dashboard reads. KubernetesClient ships no typed classes for these CRDs.

internal sealed class AdminPolicyDto
{
    [JsonPropertyName("spec")] public AdminPolicySpecDto? Spec { get; set; }
}

internal sealed class AdminPolicySpecDto
{
    /// <summary>v1alpha2 only: "Admin" or "Baseline".</summary>
    [JsonPropertyName("tier")] public string? Tier { get; set; }
    [JsonPropertyName("priority")] public int? Priority { get; set; }
    [JsonPropertyName("subject")] public SubjectDto? Subject { get; set; }
    [JsonPropertyName("ingress")] public List<RuleDto?>? Ingress { get; set; }
    [JsonPropertyName("egress")] public List<RuleDto?>? Egress { get; set; }
}

internal sealed class SubjectDto
{
    [JsonPropertyName("namespaces")] public SelectorDto? Namespaces { get; set; }
    [JsonPropertyName("pods")] public NamespacedPodDto? Pods { get; set; }
}

internal sealed class NamespacedPodDto
{
    [JsonPropertyName("namespaceSelector")] public SelectorDto? NamespaceSelector { get; set; }
    [JsonPropertyName("podSelector")] public SelectorDto? PodSelector { get; set; }
}

internal sealed class SelectorDto
{
    [JsonPropertyName("matchLabels")] public Dictionary<string, string>? MatchLabels { get; set; }
    [JsonPropertyName("matchExpressions")] public List<RequirementDto?>? MatchExpressions { get; set; }
}

internal sealed class RequirementDto
{
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("operator")] public string? Operator { get; set; }
    [JsonPropertyName("values")] public List<string>? Values { get; set; }
}

internal sealed class RuleDto
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("from")] public List<PeerDto?>? From { get; set; }
    [JsonPropertyName("to")] public List<PeerDto?>? To { get; set; }
    /// <summary>v1alpha1.</summary>
    [JsonPropertyName("ports")] public List<PortDto?>? Ports { get; set; }
    /// <summary>v1alpha2.</summary>
    [JsonPropertyName("protocols")] public List<ProtocolDto?>? Protocols { get; set; }
}

internal sealed class PeerDto
{
    [JsonPropertyName("namespaces")] public SelectorDto? Namespaces { get; set; }
    [JsonPropertyName("pods")] public NamespacedPodDto? Pods { get; set; }
    [JsonPropertyName("nodes")] public SelectorDto? Nodes { get; set; }
    [JsonPropertyName("networks")] public List<string>? Networks { get; set; }
    [JsonPropertyName("domainNames")] public List<string>? DomainNames { get; set; }
}

/// <summary>v1alpha1 AdminNetworkPolicyPort: exactly one of portNumber, portRange, namedPort.</summary>
internal sealed class PortDto
{
    [JsonPropertyName("portNumber")] public PortNumberDto? PortNumber { get; set; }
    [JsonPropertyName("portRange")] public PortRangeDto? PortRange { get; set; }
    [JsonPropertyName("namedPort")] public string? NamedPort { get; set; }
}

internal sealed class PortNumberDto
{
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
    [JsonPropertyName("port")] public int Port { get; set; }
}

internal sealed class PortRangeDto
{
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
    [JsonPropertyName("start")] public int Start { get; set; }
    [JsonPropertyName("end")] public int End { get; set; }
}

/// <summary>v1alpha2 ClusterNetworkPolicyProtocol: exactly one of tcp, udp, sctp, destinationNamedPort.</summary>
internal sealed class ProtocolDto
{
    [JsonPropertyName("tcp")] public ProtocolPortDto? Tcp { get; set; }
    [JsonPropertyName("udp")] public ProtocolPortDto? Udp { get; set; }
    [JsonPropertyName("sctp")] public ProtocolPortDto? Sctp { get; set; }
    [JsonPropertyName("destinationNamedPort")] public string? DestinationNamedPort { get; set; }
}

internal sealed class ProtocolPortDto
{
    [JsonPropertyName("destinationPort")] public DestinationPortDto? DestinationPort { get; set; }
}

/// <summary>v1alpha2 Port: number or range.</summary>
internal sealed class DestinationPortDto
{
    [JsonPropertyName("number")] public int? Number { get; set; }
    [JsonPropertyName("range")] public PortRangeDto? Range { get; set; }
}
