namespace PolicyDashboard.Kube.Writes;

/// <summary>Writes policies (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) to the cluster.</summary>
public interface IPolicyWriter
{
    /// <summary>Server-side apply (field manager "policy-dashboard") of one object given as YAML or JSON.</summary>
    Task<WriteResult> ApplyAsync(string manifest, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Deletes one policy. <paramref name="kind"/> is a kind or plural ("NetworkPolicy", "adminnetworkpolicies").</summary>
    Task<WriteResult> DeleteAsync(string kind, string? @namespace, string name, WriteOptions options, CancellationToken cancellationToken);
}
