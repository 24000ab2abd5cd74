using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Writes;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// The <see cref="IPolicyWriter"/> the web app's components and endpoints get (scoped: one per request or circuit).
/// Every write first requires a dashboard admin (<see cref="IMutationGuard"/>), then goes to the cluster as the
/// signed-in person (<see cref="KubernetesIdentityResolver"/>), so Kubernetes RBAC decides as well and its audit log
/// names them. The identity always comes from the current user: a caller's <see cref="WriteOptions.As"/> is replaced.
/// </summary>
internal sealed class ActingUserPolicyWriter(IPolicyWriter cluster, IMutationGuard guard, ICurrentUser currentUser, KubernetesIdentityResolver identities)
    : IPolicyWriter
{
    [Mutating("apply a policy")]
    public Task<WriteResult> ApplyAsync(string manifest, WriteOptions options, CancellationToken cancellationToken) =>
        Act(options, "apply a policy", o => cluster.ApplyAsync(manifest, o, cancellationToken));

    [Mutating("apply a network policy")]
    public Task<WriteResult> ApplyAsync(NetworkPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken) =>
        Act(options, "apply a network policy", o => cluster.ApplyAsync(policy, o, cancellationToken));

    [Mutating("apply an admin network policy")]
    public Task<WriteResult> ApplyAsync(AdminPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken) =>
        Act(options, "apply an admin network policy", o => cluster.ApplyAsync(policy, o, cancellationToken));

    [Mutating("delete a policy")]
    public Task<WriteResult> DeleteAsync(string kind, string? @namespace, string name, WriteOptions options, CancellationToken cancellationToken) =>
        Act(options, "delete a policy", o => cluster.DeleteAsync(kind, @namespace, name, o, cancellationToken));

    private Task<WriteResult> Act(WriteOptions options, string action, Func<WriteOptions, Task<WriteResult>> write)
    {
        guard.EnsureAdmin(options.DryRun ? action + " (dry run)" : action);
        var user = currentUser.User;
        try
        {
            return write(options with { As = identities.For(user) });
        }
        catch (KubernetesIdentityException e)
        {
            return Task.FromResult<WriteResult>(new WriteResult.Forbidden(e.Message));
        }
    }
}
