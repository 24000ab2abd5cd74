using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability;

/// <summary>Decides whether traffic from one endpoint to another on one port and protocol is allowed, and why.</summary>
public interface IReachabilityEngine
{
    /// <summary>One verdict per (source, destination, port, protocol); its trail is the explanation.</summary>
    Verdict Evaluate(Endpoint source, Endpoint destination, int port, Protocol protocol);
}
