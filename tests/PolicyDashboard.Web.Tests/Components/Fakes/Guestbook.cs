using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>
/// The seed's Guestbook in <c>default</c>: frontend ×2 (k8s-app=guestbook), redis-master (role=db), redis-slave
/// (role=replica), their services, and the seed's allow-redis policy (role=db pods accept only k8s-app=guestbook).
/// </summary>
public static class Guestbook
{
    public static readonly WorkloadRef Frontend = new("Deployment", "frontend");
    public static readonly WorkloadRef RedisMaster = new("Deployment", "redis-master");
    public static readonly WorkloadRef RedisSlave = new("Deployment", "redis-slave");

    public static readonly NetworkPolicyInfo AllowRedis = Make.Policy("default", "allow-redis", LabelSelector.Of(("role", "db")),
        ingress: [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null)], [])]);

    public static object[] Objects =>
    [
        Make.Namespace("default"),
        Make.Pod("default", "frontend-a", "app=guestbook,tier=frontend,k8s-app=guestbook", "10.244.0.11", Frontend, ports: Make.Port("http", 80)),
        Make.Pod("default", "frontend-b", "app=guestbook,tier=frontend,k8s-app=guestbook", "10.244.0.12", Frontend, ports: Make.Port("http", 80)),
        Make.Pod("default", "redis-master-0", "app=redis,role=db", "10.244.0.20", RedisMaster, ports: Make.Port("redis", 6379)),
        Make.Pod("default", "redis-slave-0", "app=redis,role=replica", "10.244.0.30", RedisSlave, ports: Make.Port("redis", 6379)),
        Make.Service("default", "redis-master", "app=redis,role=db", Make.ServicePort(6379, IntOrString.Of(6379), "redis")),
        Make.Service("default", "frontend", "app=guestbook,tier=frontend", Make.ServicePort(80, IntOrString.Of("http"), "web")),
    ];

    /// <summary>Before the seed's policy: everything may reach everything.</summary>
    public static ClusterSnapshot Open(long version = 1) => Make.Snapshot(version, Objects);

    /// <summary>After <c>kubectl apply -f allow-redis.yaml</c>.</summary>
    public static ClusterSnapshot WithAllowRedis(long version = 2) => Open(version).With(version, AllowRedis);
}
