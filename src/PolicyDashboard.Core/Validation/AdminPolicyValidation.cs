using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Validation;

/// <summary>
/// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1, CRDs of release v0.1.7)
/// and ClusterNetworkPolicy (v1alpha2, experimental channel) as the API server validates custom resources: the
/// OpenAPI schema (required, enum, minimum/maximum, min/maxItems, min/maxProperties, maxLength, list-type set) and
/// the CEL rules of kubernetes-sigs/network-policy-api, with messages as kube-openapi words them. The CRD schemas
/// leave label selectors unchecked (keys, operators and values are plain strings), so these are not validated here.
/// </summary>
internal static class AdminPolicyValidation
{
    private sealed record Shape(int MaxRules, int MaxPeers, int MaxPorts, string[] Actions, string PortsField, string NamedPortCelMessage);

    // ANP: "A total of 100 rules will be allowed in each ANP instance"; from/to/ports: MinItems=1, MaxItems=100.
    private static readonly Shape Anp = new(100, 100, 100, ["Allow", "Deny", "Pass"], "ports",
        "networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames");

    // BANP: actions "Allow" and "Deny" only; otherwise the ANP limits.
    private static readonly Shape Banp = new(100, 100, 100, ["Allow", "Deny"], "ports",
        "networks/nodes peer cannot be set with namedPorts since there are no namedPorts for networks/nodes");

    // CNP: "A maximum of 25 rules is allowed in this block"; from/to/protocols MaxItems=25; actions Accept/Deny/Pass.
    private static readonly Shape Cnp = new(25, 25, 25, ["Accept", "Deny", "Pass"], "protocols",
        "networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames");

    private const int MaxNetworks = 25;
    private const int MaxCidrLength = 43;
    private const int MaxRuleNameLength = 100;

    internal static void Validate(AdminPolicyInfo policy, List<FieldError> errors)
    {
        MetaValidation.ValidateObjectMeta(policy.Meta, namespaced: false, errors);
        var shape = policy.Kind switch
        {
            AdminPolicyKind.AdminNetworkPolicy => Anp,
            AdminPolicyKind.BaselineAdminNetworkPolicy => Banp,
            _ => Cnp,
        };

        if (policy.Kind == AdminPolicyKind.BaselineAdminNetworkPolicy)
        {
            // CEL on the BANP type: self.metadata.name == 'default'. The API server reports it against the object
            // root; the name is the field to change, so it is reported there.
            if (policy.Meta.Name != "default")
                errors.Add(FieldError.Invalid("metadata.name", policy.Meta.Name,
                    "Only one baseline admin network policy with metadata.name=\"default\" can be created in the cluster"));
        }
        else
        {
            // "Priority is a value from 0 to 1000" (Minimum=0, Maximum=1000), required.
            if (policy.Priority is not { } priority) errors.Add(FieldError.Required("spec.priority"));
            else Range("spec.priority", priority, 0, 1000, errors);
        }

        // Subject: "Exactly one field must be set" (MinProperties=1, MaxProperties=1).
        ExactlyOne("spec.subject", (policy.Subject.Namespaces is not null ? 1 : 0) + (policy.Subject.Pods is not null ? 1 : 0), errors);

        ValidateRules(policy.Ingress, "spec.ingress", "from", egress: false, shape, errors);
        ValidateRules(policy.Egress, "spec.egress", "to", egress: true, shape, errors);
    }

    private static void ValidateRules(ImmutableArray<AdminRule> rules, string path, string peersField, bool egress, Shape shape, List<FieldError> errors)
    {
        if (rules.IsDefault) return;
        if (rules.Length > shape.MaxRules) errors.Add(FieldError.TooMany(path, rules.Length, shape.MaxRules));
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var rulePath = $"{path}[{i}]";

            if (rule.Name is { } name && ApiSyntax.ByteLength(name) > MaxRuleNameLength)
                errors.Add(new FieldError(rulePath + ".name", FieldErrorType.TooLong, $"may not be longer than {MaxRuleNameLength}", name));

            if (string.IsNullOrEmpty(rule.Action)) errors.Add(FieldError.Required(rulePath + ".action"));
            else if (!shape.Actions.Contains(rule.Action, StringComparer.Ordinal))
                errors.Add(FieldError.NotSupported(rulePath + ".action", rule.Action, shape.Actions));

            // from/to: "This field must be defined and contain at least one item."
            var peersPath = $"{rulePath}.{peersField}";
            if (rule.Peers.IsDefault) errors.Add(FieldError.Required(peersPath));
            else
            {
                Items(peersPath, rule.Peers.Length, 1, shape.MaxPeers, errors);
                for (var j = 0; j < rule.Peers.Length; j++)
                    ValidatePeer(rule.Peers[j], $"{peersPath}[{j}]", egress, errors);
            }

            if (rule.Ports is { } ports)
            {
                var portsPath = $"{rulePath}.{shape.PortsField}";
                if (ports.IsDefault) errors.Add(FieldError.Required(portsPath));
                else
                {
                    Items(portsPath, ports.Length, 1, shape.MaxPorts, errors);
                    for (var j = 0; j < ports.Length; j++)
                        ValidatePort(ports[j], $"{portsPath}[{j}]", shape, errors);
                }
            }

            // CEL on egress rules (experimental channel): named ports cannot apply to networks or nodes peers.
            if (egress && !rule.Peers.IsDefault && rule.Ports is { IsDefault: false } egressPorts &&
                rule.Peers.Any(p => p.Networks is not null || p.Nodes is not null) &&
                egressPorts.Any(p => p is AdminPort.Named))
                errors.Add(FieldError.Invalid(rulePath, "object", shape.NamedPortCelMessage));
        }
    }

    /// <summary>
    /// A peer sets exactly one field. Ingress peers declare only namespaces and pods; nodes and networks are egress
    /// fields, which the API server's strict field validation rejects as undeclared on an ingress peer.
    /// </summary>
    private static void ValidatePeer(AdminPeer peer, string path, bool egress, List<FieldError> errors)
    {
        var count = (peer.Namespaces is not null ? 1 : 0) + (peer.Pods is not null ? 1 : 0);
        if (egress)
        {
            count += (peer.Nodes is not null ? 1 : 0) + (peer.Networks is not null ? 1 : 0);
        }
        else
        {
            if (peer.Nodes is not null) errors.Add(FieldError.Forbidden(path + ".nodes", "field not declared in schema"));
            if (peer.Networks is not null) errors.Add(FieldError.Forbidden(path + ".networks", "field not declared in schema"));
        }
        ExactlyOne(path, count, errors);

        if (egress && peer.Networks is { } networks)
        {
            var networksPath = path + ".networks";
            if (networks.IsDefault) return;
            Items(networksPath, networks.Length, 1, MaxNetworks, errors);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < networks.Length; k++)
            {
                var itemPath = $"{networksPath}[{k}]";
                var cidr = networks[k] ?? "";
                if (ApiSyntax.ByteLength(cidr) > MaxCidrLength)
                    errors.Add(new FieldError(itemPath, FieldErrorType.TooLong, $"may not be longer than {MaxCidrLength}", cidr));
                // CIDR type: XValidation isCIDR(self) — "Each item in Networks should be provided in the CIDR format".
                if (!CidrSyntax.IsCelCidr(cidr)) errors.Add(FieldError.Invalid(itemPath, cidr, "Invalid CIDR format provided"));
                // listType=set: entries are unique.
                if (!seen.Add(cidr)) errors.Add(FieldError.Duplicate(itemPath, cidr));
            }
        }
    }

    /// <summary>
    /// v1alpha1 AdminNetworkPolicyPort: one of portNumber {protocol, port}, portRange {protocol, start, end},
    /// namedPort; ports 1–65535. The v1alpha1 schema puts no enum on protocol and no order on start/end.
    /// v1alpha2 ClusterNetworkPolicyProtocol: one of tcp/udp/sctp {destinationPort: {number | range}} or
    /// destinationNamedPort; a range must satisfy "self.start &lt; self.end".
    /// </summary>
    private static void ValidatePort(AdminPort port, string path, Shape shape, List<FieldError> errors)
    {
        var cnp = ReferenceEquals(shape, Cnp);
        switch (port)
        {
            case AdminPort.Number n:
                Range(cnp ? $"{path}.{Lower(n.Protocol)}.destinationPort.number" : path + ".portNumber.port", n.Port, 1, 65535, errors);
                break;
            case AdminPort.Range r:
                var rangePath = cnp ? $"{path}.{Lower(r.Protocol)}.destinationPort.range" : path + ".portRange";
                Range(rangePath + ".start", r.Start, 1, 65535, errors);
                Range(rangePath + ".end", r.End, 1, 65535, errors);
                if (cnp && r.Start >= r.End)
                    errors.Add(FieldError.Invalid(rangePath, "object", "Start port must be less than End port"));
                break;
            case AdminPort.Named:
                break; // a plain string in both schemas
        }
    }

    private static string Lower(string? protocol) => (protocol ?? "TCP").ToLowerInvariant();

    private static void Range(string path, long value, long min, long max, List<FieldError> errors)
    {
        if (value < min) errors.Add(FieldError.InvalidNumber(path, value, $"{path} in body should be greater than or equal to {min}"));
        if (value > max) errors.Add(FieldError.InvalidNumber(path, value, $"{path} in body should be less than or equal to {max}"));
    }

    private static void Items(string path, int count, int min, int max, List<FieldError> errors)
    {
        if (count < min) errors.Add(FieldError.InvalidNumber(path, count, $"{path} in body should have at least {min} items"));
        if (count > max) errors.Add(FieldError.TooMany(path, count, max));
    }

    private static void ExactlyOne(string path, int count, List<FieldError> errors)
    {
        if (count < 1) errors.Add(FieldError.InvalidNumber(path, count, $"{path} in body should have at least 1 properties"));
        if (count > 1) errors.Add(FieldError.TooMany(path, count, 1));
    }
}
