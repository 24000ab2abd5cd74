namespace PolicyDashboard.Core.Activity;

/// <summary>
/// One workload pair whose connection a change opened or closed, on one port: <see cref="Change"/> is "opened" or
/// "closed", workloads are written namespace/Kind/name, <see cref="PodPairs"/> counts the pod pairs concerned.
/// </summary>
public sealed record ActivityPair(string Change, string Source, string Destination, int Port, string Protocol, int PodPairs)
{
    public override string ToString() => $"{(Change == "opened" ? "+" : "-")} {Source} -> {Destination} {Port}/{Protocol} ({PodPairs} pod pair{(PodPairs == 1 ? "" : "s")})";
}
