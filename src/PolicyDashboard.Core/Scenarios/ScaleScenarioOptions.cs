namespace PolicyDashboard.Core.Scenarios;

/// <summary>
/// Size and seed of the generated scale cluster. The same options always produce the same cluster, so a benchmark,
/// a test and <c>policydash generate</c> can talk about one cluster by its numbers.
/// </summary>
public sealed record ScaleScenarioOptions
{
    public int Namespaces { get; init; } = 100;
    public int Pods { get; init; } = 10_000;

    /// <summary>NetworkPolicies in total (a few admin-tier policies come on top).</summary>
    public int Policies { get; init; } = 500;

    public int Seed { get; init; } = 1;

    /// <summary>Nodes to spread the pods over; 0 picks one node per 100 pods (at least 3).</summary>
    public int Nodes { get; init; }

    /// <summary>Problems with the options, each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Namespaces < 1) problems.Add($"namespaces must be at least 1 (got {Namespaces})");
        if (Pods < 0) problems.Add($"pods must not be negative (got {Pods})");
        if (Policies < 0) problems.Add($"policies must not be negative (got {Policies})");
        if (Nodes < 0) problems.Add($"nodes must not be negative (got {Nodes})");
        if (Pods > 1_000_000) problems.Add($"pods must be at most 1000000 (got {Pods})");
        if (Namespaces > 100_000) problems.Add($"namespaces must be at most 100000 (got {Namespaces})");
        return problems;
    }

    public int EffectiveNodes => Nodes > 0 ? Nodes : Math.Max(3, (Pods + 99) / 100);
}
