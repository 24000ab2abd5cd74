using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using static PolicyDashboard.Core.Tests.Validation.Build;
using T = PolicyDashboard.Core.Validation.FieldErrorType;

namespace PolicyDashboard.Core.Tests.Validation;

/// <summary>
/// Cases from the network-policy-api CRDs: v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy (release
/// v0.1.7, experimental channel) and v1alpha2 ClusterNetworkPolicy — OpenAPI limits and CEL rules.
/// </summary>
public sealed class AdminPolicyValidationTests
{
    private const string NamedPortCel = "networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames";

    private static readonly Dictionary<string, AdminPolicyInfo> ValidCases = new()
    {
        ["anp-allow-deny-pass"] = Anp(0,
            ingress: [ARule("Allow", [ANamespaces(LabelSelector.Of(("kubernetes.io/metadata.name", "monitoring")))], [new AdminPort.Number("TCP", 9090)], "allow-monitoring"),
                      ARule("Pass", [APods(LabelSelector.Of(("app", "web")))]),
                      ARule("Deny", [ANamespaces()])],
            egress: [ARule("Allow", [ANetworks("10.0.0.0/8", "fd00::/8")], [new AdminPort.Range("UDP", 30000, 32767)]),
                     ARule("Deny", [ANodes()], [new AdminPort.Number("TCP", 6443)]),
                     ARule("Pass", [APods(LabelSelector.Everything)], [new AdminPort.Named("dns")])]),
        ["anp-priority-bounds"] = Anp(1000),
        ["anp-pod-subject"] = Anp(5, new AdminSubject(null, new NamespacedPodSelector(LabelSelector.Of(("team", "a")), LabelSelector.Of(("app", "db"))))),
        // isCIDR accepts host bits (netip.ParsePrefix keeps them).
        ["anp-network-with-host-bits"] = Anp(egress: [ARule("Deny", [ANetworks("192.168.1.7/24")])]),
        // The v1alpha1 schema orders neither start and end nor constrains the protocol string.
        ["anp-range-reversed"] = Anp(ingress: [ARule("Allow", [ANamespaces()], [new AdminPort.Range("TCP", 90, 80)])]),
        ["banp-default"] = Banp(ingress: [ARule("Deny", [ANamespaces()])], egress: [ARule("Allow", [ANetworks("0.0.0.0/0", "::/0")])]),
        ["cnp-accept"] = Cnp(ingress: [ARule("Accept", [ANamespaces()], [new AdminPort.Range("TCP", 80, 90), new AdminPort.Named("http")])]),
        ["cnp-25-rules"] = Cnp(ingress: [.. Enumerable.Range(0, 25).Select(_ => ARule("Deny", [ANamespaces()]))]),
        ["anp-100-rules"] = Anp(egress: [.. Enumerable.Range(0, 100).Select(_ => ARule("Deny", [ANamespaces()]))]),
    };

    private static readonly Dictionary<string, (AdminPolicyInfo Policy, (string Field, T Type, string Message, string? Value)[] Expected)> InvalidCases = new()
    {
        ["anp-priority-above-1000"] = (Anp(1001),
            [("spec.priority", T.Invalid, "spec.priority in body should be less than or equal to 1000", "1001")]),
        ["anp-priority-negative"] = (Anp(-1),
            [("spec.priority", T.Invalid, "spec.priority in body should be greater than or equal to 0", "-1")]),
        ["anp-priority-missing"] = (Anp(null),
            [("spec.priority", T.Required, "", null)]),
        ["cnp-priority-above-1000"] = (Cnp(5000),
            [("spec.priority", T.Invalid, "spec.priority in body should be less than or equal to 1000", "5000")]),
        ["banp-not-named-default"] = (Banp(name: "baseline"),
            [("metadata.name", T.Invalid, "Only one baseline admin network policy with metadata.name=\"default\" can be created in the cluster", "baseline")]),
        ["anp-action-unknown"] = (Anp(ingress: [ARule("Accept", [ANamespaces()])]),
            [("spec.ingress[0].action", T.NotSupported, "supported values: \"Allow\", \"Deny\", \"Pass\"", "Accept")]),
        ["banp-pass"] = (Banp(egress: [ARule("Pass", [ANamespaces()])]),
            [("spec.egress[0].action", T.NotSupported, "supported values: \"Allow\", \"Deny\"", "Pass")]),
        ["cnp-allow"] = (Cnp(ingress: [ARule("Allow", [ANamespaces()])]),
            [("spec.ingress[0].action", T.NotSupported, "supported values: \"Accept\", \"Deny\", \"Pass\"", "Allow")]),
        ["action-missing"] = (Anp(ingress: [ARule("", [ANamespaces()])]),
            [("spec.ingress[0].action", T.Required, "", null)]),
        ["subject-empty"] = (Anp(subject: new AdminSubject(null, null)),
            [("spec.subject", T.Invalid, "spec.subject in body should have at least 1 properties", "0")]),
        ["subject-both"] = (Anp(subject: new AdminSubject(LabelSelector.Everything, new NamespacedPodSelector(LabelSelector.Everything, LabelSelector.Everything))),
            [("spec.subject", T.TooMany, "must have at most 1 items", "2")]),
        ["from-empty"] = (Anp(ingress: [ARule("Deny", [])]),
            [("spec.ingress[0].from", T.Invalid, "spec.ingress[0].from in body should have at least 1 items", "0")]),
        ["to-missing"] = (Anp(egress: [ARule("Deny", null)]),
            [("spec.egress[0].to", T.Required, "", null)]),
        ["ports-empty"] = (Anp(ingress: [ARule("Deny", [ANamespaces()], [])]),
            [("spec.ingress[0].ports", T.Invalid, "spec.ingress[0].ports in body should have at least 1 items", "0")]),
        ["anp-101-rules"] = (Anp(ingress: [.. Enumerable.Range(0, 101).Select(_ => ARule("Deny", [ANamespaces()]))]),
            [("spec.ingress", T.TooMany, "must have at most 100 items", "101")]),
        ["cnp-26-rules"] = (Cnp(egress: [.. Enumerable.Range(0, 26).Select(_ => ARule("Deny", [ANamespaces()]))]),
            [("spec.egress", T.TooMany, "must have at most 25 items", "26")]),
        ["cnp-26-peers"] = (Cnp(ingress: [ARule("Deny", [.. Enumerable.Range(0, 26).Select(_ => ANamespaces())])]),
            [("spec.ingress[0].from", T.TooMany, "must have at most 25 items", "26")]),
        ["rule-name-too-long"] = (Anp(ingress: [ARule("Deny", [ANamespaces()], name: new string('r', 101))]),
            [("spec.ingress[0].name", T.TooLong, "may not be longer than 100", new string('r', 101))]),
        ["peer-empty"] = (Anp(egress: [ARule("Deny", [new AdminPeer(null, null, null, null)])]),
            [("spec.egress[0].to[0]", T.Invalid, "spec.egress[0].to[0] in body should have at least 1 properties", "0")]),
        ["peer-two-fields"] = (Anp(egress: [ARule("Deny", [new AdminPeer(LabelSelector.Everything, null, null, ["10.0.0.0/8"])])]),
            [("spec.egress[0].to[0]", T.TooMany, "must have at most 1 items", "2")]),
        ["ingress-peer-networks"] = (Anp(ingress: [ARule("Deny", [ANetworks("10.0.0.0/8")])]),
            [("spec.ingress[0].from[0].networks", T.Forbidden, "field not declared in schema", null),
             ("spec.ingress[0].from[0]", T.Invalid, "spec.ingress[0].from[0] in body should have at least 1 properties", "0")]),
        ["network-invalid"] = (Anp(egress: [ARule("Deny", [ANetworks("10.0.0.0/33")])]),
            [("spec.egress[0].to[0].networks[0]", T.Invalid, "Invalid CIDR format provided", "10.0.0.0/33")]),
        ["network-leading-zero"] = (Anp(egress: [ARule("Deny", [ANetworks("10.0.0.0/8", "010.0.0.0/8")])]),
            [("spec.egress[0].to[0].networks[1]", T.Invalid, "Invalid CIDR format provided", "010.0.0.0/8")]),
        ["network-ipv4-mapped"] = (Anp(egress: [ARule("Deny", [ANetworks("::ffff:10.0.0.0/104")])]),
            [("spec.egress[0].to[0].networks[0]", T.Invalid, "Invalid CIDR format provided", "::ffff:10.0.0.0/104")]),
        ["network-bare-address"] = (Anp(egress: [ARule("Deny", [ANetworks("10.0.0.1")])]),
            [("spec.egress[0].to[0].networks[0]", T.Invalid, "Invalid CIDR format provided", "10.0.0.1")]),
        ["network-duplicate"] = (Banp(egress: [ARule("Deny", [ANetworks("10.0.0.0/8", "10.0.0.0/8")])]),
            [("spec.egress[0].to[0].networks[1]", T.Duplicate, "", "10.0.0.0/8")]),
        ["networks-empty"] = (Anp(egress: [ARule("Deny", [ANetworks()])]),
            [("spec.egress[0].to[0].networks", T.Invalid, "spec.egress[0].to[0].networks in body should have at least 1 items", "0")]),
        ["networks-26"] = (Anp(egress: [ARule("Deny", [ANetworks([.. Enumerable.Range(0, 26).Select(i => $"10.{i}.0.0/16")])])]),
            [("spec.egress[0].to[0].networks", T.TooMany, "must have at most 25 items", "26")]),
        ["anp-named-port-with-networks"] = (Anp(egress: [ARule("Allow", [APods(LabelSelector.Everything), ANetworks("10.0.0.0/8")], [new AdminPort.Named("http")])]),
            [("spec.egress[0]", T.Invalid, NamedPortCel, "object")]),
        ["banp-named-port-with-nodes"] = (Banp(egress: [ARule("Allow", [ANodes()], [new AdminPort.Named("http")])]),
            [("spec.egress[0]", T.Invalid, "networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes", "object")]),
        ["anp-port-zero"] = (Anp(ingress: [ARule("Allow", [ANamespaces()], [new AdminPort.Number("TCP", 0)])]),
            [("spec.ingress[0].ports[0].portNumber.port", T.Invalid, "spec.ingress[0].ports[0].portNumber.port in body should be greater than or equal to 1", "0")]),
        ["anp-range-end-too-large"] = (Anp(ingress: [ARule("Allow", [ANamespaces()], [new AdminPort.Range("UDP", 1, 65536)])]),
            [("spec.ingress[0].ports[0].portRange.end", T.Invalid, "spec.ingress[0].ports[0].portRange.end in body should be less than or equal to 65535", "65536")]),
        ["cnp-range-reversed"] = (Cnp(ingress: [ARule("Accept", [ANamespaces()], [new AdminPort.Range("TCP", 90, 80)])]),
            [("spec.ingress[0].protocols[0].tcp.destinationPort.range", T.Invalid, "Start port must be less than End port", "object")]),
        ["cnp-range-single-port"] = (Cnp(egress: [ARule("Deny", [ANamespaces()], [new AdminPort.Range("SCTP", 80, 80)])]),
            [("spec.egress[0].protocols[0].sctp.destinationPort.range", T.Invalid, "Start port must be less than End port", "object")]),
        ["cnp-number-too-large"] = (Cnp(egress: [ARule("Deny", [ANamespaces()], [new AdminPort.Number("UDP", 70000)])]),
            [("spec.egress[0].protocols[0].udp.destinationPort.number", T.Invalid, "spec.egress[0].protocols[0].udp.destinationPort.number in body should be less than or equal to 65535", "70000")]),
        ["cnp-named-port-with-networks"] = (Cnp(egress: [ARule("Accept", [ANetworks("10.0.0.0/8")], [new AdminPort.Named("http")])]),
            [("spec.egress[0]", T.Invalid, NamedPortCel, "object")]),
        ["admin-policy-with-namespace"] = (Anp() with { Meta = new ObjectMeta("anp", "default") },
            [("metadata.namespace", T.Forbidden, "not allowed on this type", null)]),
    };

    public static TheoryData<string> ValidNames => new(ValidCases.Keys);
    public static TheoryData<string> InvalidNames => new(InvalidCases.Keys);

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Validate_ValidAdminPolicy_ReturnsNoErrors(string name)
    {
        var errors = PolicyValidator.Validate(ValidCases[name]);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Validate_InvalidAdminPolicy_ReturnsApiServerErrors(string name)
    {
        var (policy, expected) = InvalidCases[name];

        var errors = PolicyValidator.Validate(policy);

        Assert.Equal(expected, errors.Select(e => (e.Field, e.Type, e.Message, e.Value)).ToArray());
    }

    [Fact]
    public void ToString_CelRuleOnObject_RendersObjectTypeAsValue()
    {
        var error = Assert.Single(PolicyValidator.Validate(Cnp(ingress: [ARule("Accept", [ANamespaces()], [new AdminPort.Range("TCP", 90, 80)])])));

        Assert.Equal("spec.ingress[0].protocols[0].tcp.destinationPort.range: Invalid value: \"object\": Start port must be less than End port", error.ToString());
    }
}
