using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Selectors;

namespace PolicyDashboard.Core.Policies;

/// <summary>Compiles the pieces shared by every policy kind: selectors, CIDRs, protocols, port names. Never throws.</summary>
internal sealed class PolicyPartsCompiler(PolicyRef policy, ImmutableArray<CompileIssue>.Builder issues)
{
    public void Report(string field, string message) => issues.Add(new CompileIssue(policy, field, message));

    /// <summary>An invalid selector compiles to <see cref="CompiledSelector.Nothing"/>; its problems become issues.</summary>
    public CompiledSelector Selector(LabelSelector? selector, string field)
    {
        var compiled = LabelSelectorMatcher.Compile(selector);
        foreach (var issue in compiled.Issues)
            Report(issue.Field.Length == 0 ? field : $"{field}.{issue.Field}", issue.Message);
        return compiled;
    }

    public bool TryCidr(string? text, string field, out Cidr cidr)
    {
        if (Cidr.TryParse(text, out cidr)) return true;
        Report(field, $"Invalid value: \"{text}\": must be a valid CIDR (e.g. 10.0.0.0/8 or fd00::/8)");
        return false;
    }

    /// <summary>"protocol … defaults to TCP" when omitted; only TCP, UDP and SCTP exist.</summary>
    public bool TryProtocol(string? text, string field, out Protocol protocol)
    {
        if (text is null) { protocol = Protocol.TCP; return true; }
        if (ProtocolNames.TryParse(text, out protocol)) return true;
        Report(field, $"Unsupported value: \"{text}\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        return false;
    }

    public bool ValidPortNumber(int port, string field)
    {
        if (port is >= 1 and <= 65535) return true;
        Report(field, $"Invalid value: {port}: must be between 1 and 65535, inclusive");
        return false;
    }

    /// <summary>IANA_SVC_NAME (RFC 6335): 1–15 of [-a-z0-9], at least one letter, no leading/trailing or double '-'.</summary>
    public bool ValidPortName(string name, string field)
    {
        var ok = name.Length is >= 1 and <= 15
                 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
                 && name.Any(c => c is >= 'a' and <= 'z')
                 && !name.StartsWith('-') && !name.EndsWith('-') && !name.Contains("--", StringComparison.Ordinal);
        if (!ok) Report(field, $"Invalid value: \"{name}\": must be an IANA_SVC_NAME (at most 15 characters, lower-case alphanumerics and '-', at least one letter)");
        return ok;
    }

    public static PortMatcher Combine(List<PortMatcher> ports) =>
        ports.Count == 1 ? ports[0] : new AnyPort([.. ports]);
}
