using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

public sealed class FakeObjectReader : IObjectReader
{
    public List<(string Kind, string? Namespace, string Name)> Reads { get; } = [];
    public Func<string, string?, string, string?> Answer { get; set; } = (kind, ns, name) => $"kind: {kind}\nmetadata:\n  name: {name}\n  namespace: {ns}\n";
    public Exception? Failure { get; set; }

    public Task<string?> GetYamlAsync(string kind, string? @namespace, string name, CancellationToken cancellationToken)
    {
        Reads.Add((kind, @namespace, name));
        if (Failure is not null) throw Failure;
        return Task.FromResult(Answer(kind, @namespace, name));
    }
}

/// <summary>A clock stopped at one instant, so ages render deterministically.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
