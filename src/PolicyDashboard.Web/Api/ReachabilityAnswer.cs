using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Reachability;

namespace PolicyDashboard.Web.Api;

/// <summary>
/// The answer to "can <see cref="From"/> reach <see cref="To"/> on this port": one verdict for a pod or an address,
/// one per backing pod (on its resolved target port) for a service port. <see cref="Allowed"/> is true when every
/// verdict allows.
/// </summary>
public sealed record ReachabilityAnswer(string From, string To, string Port, Protocol Protocol, long SnapshotVersion, bool Allowed, IReadOnlyList<Verdict> Verdicts, IReadOnlyList<string> Notes);
