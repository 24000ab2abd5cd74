using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Validation;

/// <summary>
/// networking.k8s.io/v1 NetworkPolicy as kubernetes pkg/apis/networking/validation ValidateNetworkPolicy checks it on
/// create, in the same order: metadata, spec.podSelector, each ingress rule's ports then from, each egress rule's
/// ports then to, policyTypes.
/// </summary>
internal static class NetworkPolicyValidation
{
    internal static void Validate(NetworkPolicyInfo policy, List<FieldError> errors)
    {
        MetaValidation.ValidateObjectMeta(policy.Meta, namespaced: true, errors);
        MetaValidation.ValidateLabelSelector(policy.PodSelector, "spec.podSelector", errors);
        ValidateRules(policy.Ingress, "spec.ingress", "from", errors);
        ValidateRules(policy.Egress, "spec.egress", "to", errors);
        ValidatePolicyTypes(policy.PolicyTypes, policy.UnsupportedPolicyTypes, errors);
    }

    private static void ValidateRules(ImmutableArray<NetworkPolicyRule> rules, string path, string peersField, List<FieldError> errors)
    {
        if (rules.IsDefault) return;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var rulePath = $"{path}[{i}]";
            if (!rule.Ports.IsDefault)
                for (var j = 0; j < rule.Ports.Length; j++)
                    ValidatePort(rule.Ports[j], $"{rulePath}.ports[{j}]", errors);
            if (!rule.Peers.IsDefault)
                for (var j = 0; j < rule.Peers.Length; j++)
                    ValidatePeer(rule.Peers[j], $"{rulePath}.{peersField}[{j}]", errors);
        }
    }

    /// <summary>
    /// NetworkPolicyPort: "protocol represents the protocol (TCP, UDP, or SCTP) which traffic must match";
    /// "port … can either be a numerical or named port on a pod"; "endPort … cannot be defined if the port field is
    /// not defined or if the port field is defined as a named (string) port. The endPort must be equal or greater
    /// than port."
    /// </summary>
    private static void ValidatePort(NetworkPolicyPort port, string path, List<FieldError> errors)
    {
        if (port.Protocol is not null && port.Protocol is not ("TCP" or "UDP" or "SCTP"))
            errors.Add(FieldError.NotSupported(path + ".protocol", port.Protocol, "TCP", "UDP", "SCTP"));

        if (port.Port is { } p)
        {
            if (p.Number is { } number)
            {
                foreach (var msg in ApiSyntax.PortNumber(number)) errors.Add(FieldError.InvalidNumber(path + ".port", number, msg));
                if (port.EndPort is { } end)
                {
                    if (end < number)
                        errors.Add(FieldError.InvalidNumber(path + ".endPort", end, "must be greater than or equal to `port`"));
                    foreach (var msg in ApiSyntax.PortNumber(end)) errors.Add(FieldError.InvalidNumber(path + ".endPort", end, msg));
                }
            }
            else
            {
                if (port.EndPort is { } end)
                    errors.Add(FieldError.InvalidNumber(path + ".endPort", end, "may not be specified when `port` is non-numeric"));
                // A named port is an IANA_SVC_NAME, resolved against the destination pod's container ports.
                var name = p.Name ?? "";
                foreach (var msg in ApiSyntax.PortName(name)) errors.Add(FieldError.Invalid(path + ".port", name, msg));
            }
        }
        else if (port.EndPort is { } end)
        {
            errors.Add(FieldError.InvalidNumber(path + ".endPort", end, "may not be specified when `port` is not specified"));
        }
    }

    /// <summary>
    /// NetworkPolicyPeer: podSelector and/or namespaceSelector, or ipBlock — "ipBlock defines policy on a particular
    /// IPBlock. If this field is set then neither of the other fields can be." A peer with no field selects nothing
    /// and is rejected.
    /// </summary>
    private static void ValidatePeer(NetworkPolicyPeer peer, string path, List<FieldError> errors)
    {
        var count = 0;
        if (peer.PodSelector is not null)
        {
            count++;
            MetaValidation.ValidateLabelSelector(peer.PodSelector, path + ".podSelector", errors);
        }
        if (peer.NamespaceSelector is not null)
        {
            count++;
            MetaValidation.ValidateLabelSelector(peer.NamespaceSelector, path + ".namespaceSelector", errors);
        }
        if (peer.IpBlock is not null)
        {
            count++;
            ValidateIpBlock(peer.IpBlock, path + ".ipBlock", errors);
        }

        if (count == 0)
            errors.Add(FieldError.Required(path, "must specify a peer"));
        else if (count > 1 && peer.IpBlock is not null)
            errors.Add(FieldError.Forbidden(path, "may not specify both ipBlock and another peer"));
    }

    /// <summary>
    /// IPBlock: "cidr is a string representing the IPBlock. Valid examples are "192.168.1.0/24" or "2001:db8::/64"";
    /// "except is a slice of CIDRs that should not be included within an IPBlock … Except values will be rejected if
    /// they are outside the cidr range." Each except must be a strict subset: inside cidr and with a longer prefix.
    /// </summary>
    private static void ValidateIpBlock(IpBlock block, string path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(block.Cidr))
        {
            errors.Add(FieldError.Required(path + ".cidr"));
            return;
        }
        var cidr = ParseCidr(block.Cidr, path + ".cidr", errors);
        if (cidr is null) return;

        var except = block.Except.IsDefault ? ImmutableArray<string>.Empty : block.Except;
        for (var i = 0; i < except.Length; i++)
        {
            var exceptPath = $"{path}.except[{i}]";
            var e = ParseCidr(except[i], exceptPath, errors);
            if (e is null) continue;
            // Go's IPNet.Contains on the except network address, and cidrMaskLen < exceptMaskLen.
            if (!cidr.Value.Covers(e.Value) || cidr.Value.PrefixLength >= e.Value.PrefixLength)
                errors.Add(FieldError.Invalid(exceptPath, except[i], "must be a strict subset of `cidr`"));
        }
    }

    private static CidrValue? ParseCidr(string value, string path, List<FieldError> errors)
    {
        var parsed = CidrSyntax.ParseLegacy(value);
        if (parsed is null)
            errors.Add(FieldError.Invalid(path, value ?? "", "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
        return parsed;
    }

    /// <summary>
    /// "Valid options are ["Ingress"], ["Egress"], or ["Ingress", "Egress"]." The API server rejects more than two
    /// entries and any value outside the enum (field.NotSupported); a repeated entry within two is accepted.
    /// </summary>
    private static void ValidatePolicyTypes(ImmutableArray<PolicyType>? policyTypes, ImmutableArray<(int Index, string Value)> unsupported, List<FieldError> errors)
    {
        if (policyTypes is not { IsDefault: false } types) return;
        foreach (var (index, value) in unsupported.IsDefault ? [] : unsupported)
            errors.Add(FieldError.NotSupported($"spec.policyTypes[{index}]", value, "Ingress", "Egress"));
        if (types.Length + (unsupported.IsDefault ? 0 : unsupported.Length) > 2)
            errors.Add(new FieldError("spec.policyTypes", FieldErrorType.Invalid, "may not specify more than two policyTypes",
                "[" + string.Join(", ", types.Select(t => FieldError.Quote(t.ToString()))) + "]") { ValueIsQuoted = false });
    }
}
