using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;
using static PolicyDashboard.Core.Tests.Validation.Build;
using T = PolicyDashboard.Core.Validation.FieldErrorType;

namespace PolicyDashboard.Core.Tests.Validation;

/// <summary>
/// Cases from kubernetes pkg/apis/networking/validation (ValidateNetworkPolicySpec, ValidateNetworkPolicyPort,
/// ValidateNetworkPolicyPeer, ValidateIPBlock) and the API reference for NetworkPolicy.
/// </summary>
public sealed class NetworkPolicyValidationTests
{
    private const string CidrMsg = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    private const string PortRangeMsg = "must be between 1 and 65535, inclusive";

    private static readonly Dictionary<string, NetworkPolicyInfo> ValidCases = new()
    {
        ["default-deny-ingress"] = Np(policyTypes: [PolicyType.Ingress]),
        ["default-deny-both"] = Np(policyTypes: [PolicyType.Ingress, PolicyType.Egress]),
        ["allow-redis"] = Np(LabelSelector.Of(("role", "db")), ingress: [Rule([Pods(LabelSelector.Of(("k8s-app", "guestbook")))], [Port(6379)])]),
        ["pod-and-namespace-selector-in-one-peer"] = Np(ingress: [Peers(new NetworkPolicyPeer(LabelSelector.Everything, LabelSelector.Of(("team", "a")), null))]),
        ["ipv4-block-with-except"] = Np(ingress: [Peers(IpBlock("10.0.0.0/8", "10.1.0.0/16", "10.2.3.0/24"))]),
        ["ipv6-block-with-except"] = Np(egress: [Peers(IpBlock("2001:db8::/32", "2001:db8:1::/48"))]),
        ["whole-ipv4-space"] = Np(egress: [Peers(IpBlock("0.0.0.0/0", "169.254.169.254/32"))]),
        // Legacy CIDR fields accept host bits (the value denotes its network) and leading zeros while the
        // StrictIPCIDRValidation gate is off, as it is by default.
        ["cidr-with-host-bits"] = Np(ingress: [Peers(IpBlock("10.0.0.1/24", "10.0.0.128/25"))]),
        ["cidr-with-leading-zeros"] = Np(ingress: [Peers(IpBlock("010.000.000.000/08"))]),
        ["ipv4-embedded-in-ipv6"] = Np(ingress: [Peers(IpBlock("::ffff:10.0.0.0/104"))]),
        ["port-range"] = Np(ingress: [Ports(Port(32000, "TCP", endPort: 32768))]),
        ["port-range-of-one"] = Np(ingress: [Ports(Port(80, endPort: 80))]),
        ["named-port"] = Np(ingress: [Ports(Port("http"), Port("dns-udp", "UDP"))]),
        ["fifteen-character-port-name"] = Np(ingress: [Ports(Port("abcdefghijklmno"))]),
        ["sctp"] = Np(ingress: [Ports(Port(5000, "SCTP"))]),
        ["protocol-only"] = Np(egress: [Ports(new NetworkPolicyPort("UDP", null, null))]),
        ["empty-rule"] = Np(ingress: [Rule()]),
        ["selector-expressions"] = Np(Expr("tier", "NotIn", "web", "db")),
        ["selector-exists"] = Np(Expr("example.com/tier", "Exists")),
        // Two entries, even equal ones, are within what the API server accepts.
        ["repeated-policy-type"] = Np(policyTypes: [PolicyType.Egress, PolicyType.Egress]),
    };

    private static readonly Dictionary<string, (NetworkPolicyInfo Policy, (string Field, T Type, string Message, string? Value)[] Expected)> InvalidCases = new()
    {
        ["cidr-prefix-too-long"] = (Np(ingress: [Peers(IpBlock("10.0.0.0/33"))]),
            [("spec.ingress[0].from[0].ipBlock.cidr", T.Invalid, CidrMsg, "10.0.0.0/33")]),
        ["cidr-without-prefix"] = (Np(ingress: [Peers(IpBlock("10.0.0.0"))]),
            [("spec.ingress[0].from[0].ipBlock.cidr", T.Invalid, CidrMsg, "10.0.0.0")]),
        ["cidr-short-ipv4"] = (Np(ingress: [Peers(IpBlock("10.1/16"))]),
            [("spec.ingress[0].from[0].ipBlock.cidr", T.Invalid, CidrMsg, "10.1/16")]),
        ["cidr-octet-out-of-range"] = (Np(ingress: [Peers(IpBlock("10.256.0.0/16"))]),
            [("spec.ingress[0].from[0].ipBlock.cidr", T.Invalid, CidrMsg, "10.256.0.0/16")]),
        ["cidr-ipv6-prefix-too-long"] = (Np(egress: [Peers(IpBlock("2001:db8::/129"))]),
            [("spec.egress[0].to[0].ipBlock.cidr", T.Invalid, CidrMsg, "2001:db8::/129")]),
        ["cidr-ipv6-two-ellipses"] = (Np(egress: [Peers(IpBlock("2001::db8::/64"))]),
            [("spec.egress[0].to[0].ipBlock.cidr", T.Invalid, CidrMsg, "2001::db8::/64")]),
        ["cidr-ipv6-with-zone"] = (Np(egress: [Peers(IpBlock("fe80::1%eth0/64"))]),
            [("spec.egress[0].to[0].ipBlock.cidr", T.Invalid, CidrMsg, "fe80::1%eth0/64")]),
        ["cidr-empty"] = (Np(ingress: [Peers(IpBlock(""))]),
            [("spec.ingress[0].from[0].ipBlock.cidr", T.Required, "", null)]),
        ["except-outside-cidr"] = (Np(ingress: [Peers(IpBlock("10.0.0.0/16", "10.0.5.0/24", "10.1.0.0/24"))]),
            [("spec.ingress[0].from[0].ipBlock.except[1]", T.Invalid, "must be a strict subset of `cidr`", "10.1.0.0/24")]),
        ["except-equal-to-cidr"] = (Np(ingress: [Peers(IpBlock("10.0.0.0/16", "10.0.0.0/16"))]),
            [("spec.ingress[0].from[0].ipBlock.except[0]", T.Invalid, "must be a strict subset of `cidr`", "10.0.0.0/16")]),
        ["except-wider-than-cidr"] = (Np(ingress: [Peers(IpBlock("10.0.0.0/16", "10.0.0.0/8"))]),
            [("spec.ingress[0].from[0].ipBlock.except[0]", T.Invalid, "must be a strict subset of `cidr`", "10.0.0.0/8")]),
        ["except-other-family"] = (Np(egress: [Peers(IpBlock("0.0.0.0/0", "fd00::/8"))]),
            [("spec.egress[0].to[0].ipBlock.except[0]", T.Invalid, "must be a strict subset of `cidr`", "fd00::/8")]),
        ["except-not-a-cidr"] = (Np(egress: [Peers(IpBlock("10.0.0.0/8", "10.0.0.300/32"))]),
            [("spec.egress[0].to[0].ipBlock.except[0]", T.Invalid, CidrMsg, "10.0.0.300/32")]),
        ["protocol-unsupported"] = (Np(ingress: [Ports(Port(80, "ICMP"))]),
            [("spec.ingress[0].ports[0].protocol", T.NotSupported, "supported values: \"TCP\", \"UDP\", \"SCTP\"", "ICMP")]),
        ["protocol-lower-case"] = (Np(ingress: [Ports(Port(53, "udp"))]),
            [("spec.ingress[0].ports[0].protocol", T.NotSupported, "supported values: \"TCP\", \"UDP\", \"SCTP\"", "udp")]),
        ["port-zero"] = (Np(ingress: [Ports(Port(0))]),
            [("spec.ingress[0].ports[0].port", T.Invalid, PortRangeMsg, "0")]),
        ["port-too-large"] = (Np(egress: [Ports(Port(53, "UDP"), Port(65536))]),
            [("spec.egress[0].ports[1].port", T.Invalid, PortRangeMsg, "65536")]),
        ["end-port-below-port"] = (Np(ingress: [Ports(Port(90, endPort: 80))]),
            [("spec.ingress[0].ports[0].endPort", T.Invalid, "must be greater than or equal to `port`", "80")]),
        ["end-port-too-large"] = (Np(ingress: [Ports(Port(80, endPort: 70000))]),
            [("spec.ingress[0].ports[0].endPort", T.Invalid, PortRangeMsg, "70000")]),
        ["end-port-with-named-port"] = (Np(ingress: [Ports(Port("http", endPort: 90))]),
            [("spec.ingress[0].ports[0].endPort", T.Invalid, "may not be specified when `port` is non-numeric", "90")]),
        ["end-port-without-port"] = (Np(ingress: [Ports(new NetworkPolicyPort("TCP", null, 90))]),
            [("spec.ingress[0].ports[0].endPort", T.Invalid, "may not be specified when `port` is not specified", "90")]),
        ["named-port-upper-case"] = (Np(ingress: [Ports(Port("HTTP"))]),
            [("spec.ingress[0].ports[0].port", T.Invalid, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)", "HTTP"),
             ("spec.ingress[0].ports[0].port", T.Invalid, "must contain at least one letter (a-z)", "HTTP")]),
        ["named-port-too-long"] = (Np(ingress: [Ports(Port("abcdefghijklmnop"))]),
            [("spec.ingress[0].ports[0].port", T.Invalid, "must be no more than 15 characters", "abcdefghijklmnop")]),
        ["named-port-digits-only-as-text"] = (Np(ingress: [Ports(Port("8080"))]),
            [("spec.ingress[0].ports[0].port", T.Invalid, "must contain at least one letter (a-z)", "8080")]),
        ["named-port-double-hyphen"] = (Np(ingress: [Ports(Port("my--port"))]),
            [("spec.ingress[0].ports[0].port", T.Invalid, "must not contain consecutive hyphens", "my--port")]),
        ["named-port-leading-hyphen"] = (Np(ingress: [Ports(Port("-http"))]),
            [("spec.ingress[0].ports[0].port", T.Invalid, "must not begin or end with a hyphen", "-http")]),
        ["peer-without-fields"] = (Np(ingress: [Peers(new NetworkPolicyPeer(null, null, null))]),
            [("spec.ingress[0].from[0]", T.Required, "must specify a peer", null)]),
        ["peer-ip-block-and-pod-selector"] = (Np(egress: [Peers(Pods(LabelSelector.Everything), new NetworkPolicyPeer(LabelSelector.Everything, null, new IpBlock("10.0.0.0/8", [])))]),
            [("spec.egress[0].to[1]", T.Forbidden, "may not specify both ipBlock and another peer", null)]),
        ["peer-ip-block-and-namespace-selector"] = (Np(ingress: [Peers(new NetworkPolicyPeer(null, LabelSelector.Everything, new IpBlock("10.0.0.0/8", [])))]),
            [("spec.ingress[0].from[0]", T.Forbidden, "may not specify both ipBlock and another peer", null)]),
        ["selector-unknown-operator"] = (Np(Expr("tier", "Equals", "web")),
            [("spec.podSelector.matchExpressions[0].operator", T.Invalid, "not a valid selector operator", "Equals")]),
        ["selector-in-without-values"] = (Np(Expr("tier", "In")),
            [("spec.podSelector.matchExpressions[0].values", T.Required, "must be specified when `operator` is 'In' or 'NotIn'", null)]),
        ["selector-exists-with-values"] = (Np(ingress: [Peers(Namespaces(Expr("tier", "DoesNotExist", "web")))]),
            [("spec.ingress[0].from[0].namespaceSelector.matchExpressions[0].values", T.Forbidden, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", null)]),
        ["selector-value-invalid"] = (Np(ingress: [Peers(Pods(Expr("tier", "In", "web", "-db")))]),
            [("spec.ingress[0].from[0].podSelector.matchExpressions[0].values[1]", T.Invalid,
              "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')", "-db")]),
        ["selector-key-invalid"] = (Np(Expr("bad key", "Exists")),
            [("spec.podSelector.matchExpressions[0].key", T.Invalid,
              "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')", "bad key")]),
        ["match-labels-value-too-long"] = (Np(LabelSelector.Of(("app", new string('a', 64)))),
            [("spec.podSelector.matchLabels", T.Invalid, "must be no more than 63 bytes", new string('a', 64))]),
        ["three-policy-types"] = (Np(policyTypes: [PolicyType.Ingress, PolicyType.Egress, PolicyType.Ingress]),
            [("spec.policyTypes", T.Invalid, "may not specify more than two policyTypes", "[\"Ingress\", \"Egress\", \"Ingress\"]")]),
        ["name-not-a-subdomain"] = (Np(name: "Allow_Redis"),
            [("metadata.name", T.Invalid,
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", "Allow_Redis")]),
        ["namespace-missing"] = (Np(ns: null),
            [("metadata.namespace", T.Required, "", null)]),
        ["several-errors-in-order"] = (Np(Expr("tier", "In"), ingress: [Rule([IpBlock("10.0.0.0/40")], [Port(0)])], egress: [Ports(Port("x", endPort: 5))]),
            [("spec.podSelector.matchExpressions[0].values", T.Required, "must be specified when `operator` is 'In' or 'NotIn'", null),
             ("spec.ingress[0].ports[0].port", T.Invalid, PortRangeMsg, "0"),
             ("spec.ingress[0].from[0].ipBlock.cidr", T.Invalid, CidrMsg, "10.0.0.0/40"),
             ("spec.egress[0].ports[0].endPort", T.Invalid, "may not be specified when `port` is non-numeric", "5")]),
    };

    public static TheoryData<string> ValidNames => new(ValidCases.Keys);
    public static TheoryData<string> InvalidNames => new(InvalidCases.Keys);

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Validate_ValidNetworkPolicy_ReturnsNoErrors(string name)
    {
        var errors = PolicyValidator.Validate(ValidCases[name]);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Validate_InvalidNetworkPolicy_ReturnsApiServerErrors(string name)
    {
        var (policy, expected) = InvalidCases[name];

        var errors = PolicyValidator.Validate(policy);

        Assert.Equal(expected, errors.Select(e => (e.Field, e.Type, e.Message, e.Value)).ToArray());
    }

    [Fact]
    public void ToString_InvalidPort_RendersAsTheApiServer()
    {
        var error = Assert.Single(PolicyValidator.Validate(Np(ingress: [Ports(Port(0))])));

        Assert.Equal("spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", error.ToString());
    }

    [Fact]
    public void ToString_UnsupportedProtocol_QuotesValueAndListsSupportedValues()
    {
        var error = Assert.Single(PolicyValidator.Validate(Np(ingress: [Ports(Port(80, "ICMP"))])));

        Assert.Equal("spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"", error.ToString());
    }

    [Fact]
    public void ToString_RequiredPeer_OmitsValue()
    {
        var error = Assert.Single(PolicyValidator.Validate(Np(ingress: [Peers(new NetworkPolicyPeer(null, null, null))])));

        Assert.Equal("spec.ingress[0].from[0]: Required value: must specify a peer", error.ToString());
    }

    [Fact]
    public void Validate_UnsupportedPolicyType_IsRejectedAtItsIndex()
    {
        var policy = Np() with { PolicyTypes = [PolicyType.Ingress], UnsupportedPolicyTypes = [(1, "Sideways")] };

        var error = Assert.Single(PolicyValidator.Validate(policy));

        Assert.Equal("spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"", error.ToString());
    }
}
