using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Compose.Builder;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>The builder's form converts both ways with the policy model without losing anything.</summary>
public sealed class PolicyFormTests
{
    private static NetworkPolicyInfo RoundTrip(NetworkPolicyInfo policy)
    {
        var errors = new List<FormError>();
        var back = PolicyForm.From(policy).ToPolicy(errors);
        Assert.Empty(errors);
        return back;
    }

    public static TheoryData<string> Policies => new()
    {
        "allow-redis", "expressions", "ipblock", "ports", "explicit-egress", "labels",
    };

    private static NetworkPolicyInfo Sample(string name) => name switch
    {
        "allow-redis" => new(new ObjectMeta("allow-redis", "default"), LabelSelector.Of(("role", "db")), null,
            [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("k8s-app", "guestbook")), null, null)], [])], []),
        "expressions" => new(new ObjectMeta("x", "prod"),
            new LabelSelector(Labels.Of(("app", "api")), [new LabelSelectorRequirement("tier", "In", ["web", "api"]), new LabelSelectorRequirement("canary", "DoesNotExist", [])]),
            [PolicyType.Ingress],
            [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Everything, new LabelSelector(Labels.Empty, [new LabelSelectorRequirement("env", "NotIn", ["dev"])]), null)], [])], []),
        "ipblock" => new(new ObjectMeta("egress-out", "default"), LabelSelector.Everything, [PolicyType.Egress], [],
            [new NetworkPolicyRule([new NetworkPolicyPeer(null, null, new IpBlock("0.0.0.0/0", ["10.0.0.0/8", "192.168.0.0/16"]))], [])]),
        "ports" => new(new ObjectMeta("ports", "default"), LabelSelector.Everything, [PolicyType.Ingress],
            [new NetworkPolicyRule([], [new NetworkPolicyPort("TCP", IntOrString.Of(8000), 8100), new NetworkPolicyPort("UDP", IntOrString.Of("dns"), null), new NetworkPolicyPort("SCTP", null, null)])], []),
        "explicit-egress" => new(new ObjectMeta("deny", "default"), LabelSelector.Everything, [PolicyType.Ingress, PolicyType.Egress], [], []),
        _ => new(new ObjectMeta("labelled", "default", ResourceVersion: "42", Labels: Labels.Of(("team", "net")), Annotations: Labels.Of(("note", "kept"))),
            LabelSelector.Everything, null, [], []),
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void FromThenToPolicy_AnyPolicy_GivesTheSamePolicy(string name)
    {
        var policy = Sample(name);

        var back = RoundTrip(policy);

        Assert.Equal(PolicyYaml.Of(policy), PolicyYaml.Of(back));
        Assert.Equal(policy.Meta, back.Meta);
    }

    [Fact]
    public void SetType_WhileDefaulted_WritesTheShownTypesExplicitly()
    {
        var form = PolicyForm.From(Sample("allow-redis"));
        Assert.True(form.EffectiveIngress);
        Assert.False(form.EffectiveEgress);

        form.SetType(PolicyType.Egress, true);

        Assert.Equal([PolicyType.Ingress, PolicyType.Egress], form.ToPolicy([]).PolicyTypes!.Value);
    }

    [Fact]
    public void EffectiveEgress_DefaultedWithEgressRules_IsTrue()
    {
        var form = PolicyForm.New("default");
        form.EgressRules.Add(new RuleForm());

        Assert.True(form.EffectiveEgress);
        Assert.Null(form.ToPolicy([]).PolicyTypes);
    }

    [Theory]
    [InlineData("99999999999", "", "spec.ingress[0].ports[0].port")]
    [InlineData("80", "eighty", "spec.ingress[0].ports[0].endPort")]
    public void ToPolicy_PortTextThatIsNoApiValue_ReportsItAtTheField(string port, string endPort, string field)
    {
        var form = PolicyForm.New("default");
        form.Name = "p";
        form.IngressRules.Add(new RuleForm { Ports = { new PortForm { Port = port, EndPort = endPort } } });
        var errors = new List<FormError>();

        form.ToPolicy(errors);

        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void ToPolicy_NamedPort_IsAName()
    {
        var form = PolicyForm.New("default");
        form.IngressRules.Add(new RuleForm { Ports = { new PortForm { Protocol = "TCP", Port = "redis" } } });

        var port = form.ToPolicy([]).Ingress[0].Ports[0];

        Assert.Equal(IntOrString.Of("redis"), port.Port);
    }

    [Fact]
    public void LabelChip_Text_ReadsLikeKubectl()
    {
        Assert.Equal("role=db", new LabelChip { Key = "role", Values = "db" }.Text);
        Assert.Equal("tier in (web, api)", new LabelChip { Key = "tier", Operator = ChipOperator.In, Values = "web, api ," }.Text);
        Assert.Equal("!canary", new LabelChip { Key = "canary", Operator = ChipOperator.DoesNotExist }.Text);
    }

    [Fact]
    public void SelectorForm_ExpressionChips_BecomeMatchExpressions()
    {
        var form = new SelectorForm { Chips = { new LabelChip { Key = "env", Operator = ChipOperator.NotIn, Values = "dev,test" } } };

        var selector = form.ToSelector();

        Assert.Empty(selector.MatchLabels);
        Assert.Equal(new LabelSelectorRequirement("env", "NotIn", ImmutableArray.Create("dev", "test")), Assert.Single(selector.MatchExpressions));
    }
}
