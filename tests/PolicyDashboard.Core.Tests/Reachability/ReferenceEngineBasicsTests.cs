using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Reachability;

public class ReferenceEngineBasicsTests
{
    [Fact]
    public void Evaluate_NoPolicies_AllowedByDefault()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a", "pod=a");
        var b = c.Pod("y", "b", "pod=b");

        var v = c.Check(a, b);

        Assert.True(v.Allowed);
        Assert.Equal("[NetworkPolicy] not isolated → [Default] allowed", v.Ingress.ToString());
        Assert.Equal(PolicyTier.Default, v.Egress.DecidedBy);
    }

    [Fact]
    public void Evaluate_GuestbookAllowRedis_OnlyLabelledClientsReachDb()
    {
        var c = new TestCluster();
        var frontend = c.Pod("default", "frontend", "k8s-app=guestbook,role=frontend");
        var redis = c.Pod("default", "redis-master", "k8s-app=guestbook,role=db");
        var busybox = c.Pod("default", "busybox", "run=busybox");
        c.Policy(Np("default", "allow-redis", Sel("role=db"), ingress: [Rule([Pods(Sel("k8s-app=guestbook"))])]));

        var ok = c.Check(frontend, redis, 6379);
        var blocked = c.Check(busybox, redis, 6379);

        Assert.True(ok.Allowed);
        Assert.Equal("[NetworkPolicy] allowed by default/allow-redis ingress[0].from[0]", ok.Ingress.ToString());
        Assert.False(blocked.Allowed);
        Assert.True(blocked.EgressAllowed);
        Assert.Equal("[NetworkPolicy] no rule matched; isolated by default/allow-redis", blocked.Ingress.ToString());
    }

    [Fact]
    public void Evaluate_AnpPassThenNetworkPolicy_TrailShowsBothTiers()
    {
        var c = new TestCluster();
        c.Namespace("dev", "env=dev");
        var client = c.Pod("dev", "client", "app=client");
        var redis = c.Pod("default", "redis", "role=db");
        c.Admin(Anp("dev-ns", 10, SubjectNs(""), ingress: [ARule("Pass", [ANs("env=dev")], name: "pass-dev")]));
        c.Policy(Np("default", "allow-redis", Sel("role=db"), ingress: [Rule([Namespaces(Sel("env=dev"))])]));

        var v = c.Check(client, redis);

        Assert.True(v.Allowed);
        Assert.Equal("[ANP] Pass (dev-ns ingress[0].from[0] \"pass-dev\") → [NetworkPolicy] allowed by default/allow-redis ingress[0].from[0]",
            v.Ingress.ToString());
    }

    [Fact]
    public void Evaluate_PodToItself_LoopbackAllowedDespiteDenyAll()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        c.Policy(Np("x", "deny-all", Sel(), [PolicyType.Ingress, PolicyType.Egress]));

        var v = c.Check(a, a);

        Assert.True(v.Allowed);
        Assert.True(v.Loopback);
    }

    [Fact]
    public void Verdict_Json_HasProbeFields()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        var b = c.Pod("x", "b");

        var json = VerdictJson.Serialize(c.Check(a, b));

        Assert.StartsWith("{\"from\":\"x/a\",\"to\":\"x/b\",\"port\":80,\"protocol\":\"TCP\",\"allowed\":true,\"ingressAllowed\":true,\"egressAllowed\":true,\"loopback\":false,\"explanation\":", json);
        Assert.Contains("\"outcome\":\"DefaultAllow\"", json);
    }
}
