using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Kube.Writes;

/// <summary>Writes policies (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) to the cluster.</summary>
public interface IPolicyWriter
{
    /// <summary>Server-side apply (field manager "policy-dashboard") of one object given as YAML or JSON.</summary>
    Task<WriteResult> ApplyAsync(string manifest, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Server-side apply of a NetworkPolicy model record (e.g. one composed in the UI).</summary>
    Task<WriteResult> ApplyAsync(NetworkPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Server-side apply of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy model record.</summary>
    Task<WriteResult> ApplyAsync(AdminPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken);

    /// <summary>Deletes one policy. <paramref name="kind"/> is a kind or plural ("NetworkPolicy", "adminnetworkpolicies").</summary>
    Task<WriteResult> DeleteAsync(string kind, string? @namespace, string name, WriteOptions options, CancellationToken cancellationToken);
}
