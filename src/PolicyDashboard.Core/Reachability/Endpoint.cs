using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability;

/// <summary>One side of a connection: a pod, or an IP address that belongs to no pod (outside the cluster, a node…).</summary>
public abstract record Endpoint
{
    private Endpoint() { }

    public sealed record Pod(PodInfo Info) : Endpoint
    {
        public override string ToString() => $"{Info.Namespace}/{Info.Name}";
    }

    public sealed record External(string Ip) : Endpoint
    {
        public override string ToString() => $"ip:{Ip}";
    }

    public static Endpoint Of(PodInfo pod) => new Pod(pod);
    public static Endpoint Of(string ip) => new External(ip);
}
