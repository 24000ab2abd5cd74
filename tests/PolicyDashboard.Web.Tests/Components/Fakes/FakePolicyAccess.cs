using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>Answers access questions from a function; records the namespaces asked about.</summary>
public sealed class FakePolicyAccess : IPolicyAccess
{
    public List<string> Asked { get; } = [];

    public Func<string, PolicyAccess> Answer { get; set; } = ns => new PolicyAccess(ns, true, true, true, "tester");

    public Task<PolicyAccess> ForNamespaceAsync(string @namespace, CancellationToken cancellationToken)
    {
        Asked.Add(@namespace);
        return Task.FromResult(Answer(@namespace));
    }
}
