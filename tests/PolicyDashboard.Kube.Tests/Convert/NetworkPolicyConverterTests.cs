using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Convert;
using IntOrString = PolicyDashboard.Core.Model.IntOrString;

namespace PolicyDashboard.Kube.Tests.Convert;

public sealed class NetworkPolicyConverterTests
{
    [Fact]
    public void ToModel_OmittedPolicyTypes_StaysNull()
    {
        var model = NetworkPolicyConverter.ToModel(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "a" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector() },
        });

        Assert.Null(model.PolicyTypes);
        Assert.True(model.PodSelector.IsEmpty);
        Assert.Empty(model.Ingress);
    }

    [Fact]
    public void ToModel_UnknownPolicyType_KeptForValidationNotDropped()
    {
        var model = NetworkPolicyConverter.ToModel(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "a" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Egress", "Sideways"] },
        });

        Assert.Equal([PolicyType.Egress], model.PolicyTypes!.Value);
        Assert.Equal([(1, "Sideways")], model.UnsupportedPolicyTypes);
        Assert.Contains(PolicyDashboard.Core.Validation.PolicyValidator.Validate(model), e => e.Field == "spec.policyTypes[1]");
    }

    [Fact]
    public void ToModel_PeersAndPorts_KeptAsWritten()
    {
        var model = NetworkPolicyConverter.ToModel(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "allow-redis", NamespaceProperty = "default" },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "db" } },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty =
                        [
                            new V1NetworkPolicyPeer
                            {
                                PodSelector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "NotIn", Values = ["db"] }] },
                                NamespaceSelector = new V1LabelSelector(),
                            },
                            new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "10.0.0.0/33", Except = ["10.0.1.0/24"] } },
                        ],
                        Ports = [new V1NetworkPolicyPort { Port = 6379 }, new V1NetworkPolicyPort { Protocol = "UDP", Port = "dns" }, new V1NetworkPolicyPort { Port = 30000, EndPort = 32767 }],
                    },
                ],
            },
        });

        Assert.Equal([PolicyType.Ingress, PolicyType.Egress], model.PolicyTypes!.Value);
        var rule = Assert.Single(model.Ingress);
        Assert.Equal(new LabelSelectorRequirement("tier", "NotIn", ["db"]), rule.Peers[0].PodSelector!.MatchExpressions[0]);
        Assert.True(rule.Peers[0].NamespaceSelector!.IsEmpty);
        Assert.Equal(new IpBlock("10.0.0.0/33", ["10.0.1.0/24"]).Cidr, rule.Peers[1].IpBlock!.Cidr);
        Assert.Equal(["10.0.1.0/24"], rule.Peers[1].IpBlock!.Except);
        Assert.Equal(new NetworkPolicyPort(null, IntOrString.Of(6379), null), rule.Ports[0]);
        Assert.Equal(new NetworkPolicyPort("UDP", IntOrString.Of("dns"), null), rule.Ports[1]);
        Assert.Equal(new NetworkPolicyPort(null, IntOrString.Of(30000), 32767), rule.Ports[2]);
    }

    [Fact]
    public void ToModel_PeerWithoutSelectors_HasAllNull()
    {
        var model = NetworkPolicyConverter.ToModel(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "a" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer()] }] },
        });

        var peer = Assert.Single(Assert.Single(model.Egress).Peers);
        Assert.Equal(new NetworkPolicyPeer(null, null, null), peer);
    }
}
