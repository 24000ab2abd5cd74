using System.Text.Json.Nodes;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Policies;
using PolicyDashboard.Core.Reachability;
using static PolicyDashboard.Core.Tests.Reachability.P;

namespace PolicyDashboard.Core.Tests.Reachability;

/// <summary>The trail is the explanation: each tier's step renders as one readable phrase.</summary>
public class ExplanationTests
{
    [Fact]
    public void Trail_NetworkPolicyDeny_NamesIsolatingPolicies()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a", "app=a");
        var b = c.Pod("x", "b", "app=b");
        c.Policy(Np("x", "deny-all", Sel(), [PolicyType.Ingress]));
        c.Policy(Np("x", "allow-from-c", Sel("app=b"), ingress: [Rule([Pods(Sel("app=c"))])]));

        var v = c.Check(a, b);

        Assert.False(v.Allowed);
        var step = Assert.Single(v.Ingress.Trail);
        Assert.Equal(StepOutcome.NoRuleMatched, step.Outcome);
        Assert.Equal(["x/allow-from-c", "x/deny-all"], step.Policies.Select(p => p.ToString()).ToArray());
        Assert.Equal("[NetworkPolicy] no rule matched; isolated by x/allow-from-c, x/deny-all", v.Ingress.ToString());
    }

    [Fact]
    public void Trail_RuleWithoutPeers_OmitsPeerIndex()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        var b = c.Pod("x", "b");
        c.Policy(Np("x", "allow-80", Sel(), ingress: [Rule(null, Port(80))]));

        var v = c.Check(a, b);

        Assert.Equal("[NetworkPolicy] allowed by x/allow-80 ingress[0]", v.Ingress.ToString());
        Assert.Null(v.Ingress.DecidingRule!.PeerIndex);
    }

    [Fact]
    public void Trail_EgressPeerIndex_PointsAtMatchingPeer()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a", "app=a");
        var b = c.Pod("y", "b", "app=b");
        c.Policy(Np("x", "egress", Sel("app=a"), [PolicyType.Egress], egress: [Rule([Pods(Sel("app=z")), Namespaces(Sel())])]));

        var v = c.Check(a, b);

        Assert.Equal("[NetworkPolicy] allowed by x/egress egress[0].to[1]", v.Egress.ToString());
        Assert.Equal(1, v.Egress.DecidingRule!.PeerIndex);
    }

    [Fact]
    public void Trail_AdminDenyThenNothingElse_StopsAtAdmin()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        var b = c.Pod("y", "b");
        c.Admin(Anp("block-x", 1, SubjectNs(""), egress: [ARule("Deny", [ANs("kubernetes.io/metadata.name=y")], name: "no-y")]));

        var v = c.Check(a, b);

        Assert.False(v.Allowed);
        Assert.Equal("[ANP] Deny (block-x egress[0].to[0] \"no-y\")", v.Egress.ToString());
        Assert.Equal(PolicyTier.Admin, v.Egress.DecidedBy);
    }

    [Fact]
    public void Trail_AdminSelectsButNoRuleMatches_ContinuesAndSaysSo()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        var b = c.Pod("y", "b");
        c.Admin(Cnp("other", AdminTier.Admin, 1, SubjectNs(""), ingress: [ARule("Deny", [ANs("team=none")])]));
        c.Admin(Banp(SubjectNs(""), ingress: [ARule("Allow", [ANs("")], name: "all")]));

        var v = c.Check(a, b);

        Assert.True(v.Allowed);
        Assert.Equal("[Admin] no rule matched in CNP-Admin other → [NetworkPolicy] not isolated → [BANP] Allow (default ingress[0].from[0] \"all\")",
            v.Ingress.ToString());
    }

    [Fact]
    public void Verdict_External_NotSubjectToPolicy()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");

        var v = c.Engine().Evaluate(Endpoint.Of("203.0.113.9"), Endpoint.Of(a), 443, Protocol.TCP);

        Assert.Equal("ip:203.0.113.9", v.From);
        Assert.Equal(StepOutcome.NotSubjectToPolicy, Assert.Single(v.Egress.Trail).Outcome);
        Assert.StartsWith("allowed; egress at ip:203.0.113.9: [Default] allowed: not a pod", v.Explanation);
    }

    [Fact]
    public void Verdict_DestinationWithoutIp_UnreachableButDirectionsStillExplained()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        var pending = c.Pod("x", "pending", ip: "");

        var v = c.Check(a, pending);

        Assert.False(v.Allowed);
        Assert.True(v.EgressAllowed);
        Assert.True(v.IngressAllowed);
        Assert.Equal("destination x/pending has no IP", v.Unreachable);
    }

    [Fact]
    public void Verdict_SourceWithoutIp_CannotSend()
    {
        var c = new TestCluster();
        var pending = c.Pod("x", "pending", ip: "");
        var a = c.Pod("x", "a");

        var v = c.Check(pending, a);

        Assert.False(v.Allowed);
        Assert.Equal("source x/pending has no IP", v.Unreachable);
    }

    [Fact]
    public void Verdict_Json_CarriesTrailAndOmitsNulls()
    {
        var c = new TestCluster();
        var a = c.Pod("x", "a");
        var b = c.Pod("x", "b");
        c.Policy(Np("x", "allow-80", Sel(), ingress: [Rule(null, Port(80))]));

        var json = JsonNode.Parse(VerdictJson.Serialize(c.Check(a, b, 81)))!.AsObject();

        Assert.False(json["allowed"]!.GetValue<bool>());
        Assert.False(json["ingressAllowed"]!.GetValue<bool>());
        Assert.True(json["egressAllowed"]!.GetValue<bool>());
        Assert.False(json.ContainsKey("unreachable"));
        var step = json["ingress"]!["trail"]![0]!;
        Assert.Equal("NetworkPolicy", step["tier"]!.GetValue<string>());
        Assert.Equal("NoRuleMatched", step["outcome"]!.GetValue<string>());
        Assert.Equal("allow-80", step["policies"]![0]!["name"]!.GetValue<string>());
    }
}
