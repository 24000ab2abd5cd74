using System.Collections.Immutable;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Web.Tester;

/// <summary>
/// One answer: a destination pod (or address) and port, with the engine's verdict; or why there is no verdict for it
/// (a service's named targetPort that does not resolve on that backing pod, a backing pod without an IP).
/// </summary>
public sealed record TesterRow(string Destination, string Port, Verdict? Verdict, string? Problem)
{
    public bool Allowed => Verdict?.Allowed == true;
}

/// <summary>The tester's result: problems per field (nothing was evaluated), or the rows and notes.</summary>
public sealed record TesterOutcome(
    ImmutableDictionary<string, string> Errors,
    ImmutableArray<TesterRow> Rows,
    ImmutableArray<string> Notes)
{
    public static readonly TesterOutcome Empty = new(ImmutableDictionary<string, string>.Empty, [], []);

    public bool IsValid => Errors.IsEmpty;

    public string? ErrorFor(string field) => Errors.GetValueOrDefault(field);
}
