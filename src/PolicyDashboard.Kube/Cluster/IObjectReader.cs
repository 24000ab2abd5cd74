namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Reads one whole object from the cluster on demand (detail pages show its YAML); the snapshot keeps only
/// slim projections.
/// </summary>
public interface IObjectReader
{
    /// <summary>The object as YAML without managedFields, or null when it does not exist.</summary>
    /// <param name="kind">One of the kinds the dashboard follows, e.g. "Pod", "NetworkPolicy", "AdminNetworkPolicy".</param>
    /// <param name="namespace">Null or "" for cluster-scoped kinds.</param>
    Task<string?> GetYamlAsync(string kind, string? @namespace, string name, CancellationToken cancellationToken);
}
