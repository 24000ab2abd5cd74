using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Writes;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>A writer no page test may reach: any write fails the test.</summary>
public sealed class RefusingPolicyWriter : IPolicyWriter
{
    public Task<WriteResult> ApplyAsync(string manifest, WriteOptions options, CancellationToken cancellationToken) => throw new InvalidOperationException("write attempted");
    public Task<WriteResult> ApplyAsync(NetworkPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken) => throw new InvalidOperationException("write attempted");
    public Task<WriteResult> ApplyAsync(AdminPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken) => throw new InvalidOperationException("write attempted");
    public Task<WriteResult> DeleteAsync(string kind, string? @namespace, string name, WriteOptions options, CancellationToken cancellationToken) => throw new InvalidOperationException("write attempted");
}
