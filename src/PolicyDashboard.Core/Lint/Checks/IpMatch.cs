using System.Collections.Immutable;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Core.Validation;

namespace PolicyDashboard.Core.Lint.Checks;

/// <summary>Address membership for ipBlock peers: inside cidr (its network, host bits ignored) and outside every except.</summary>
internal static class IpMatch
{
    public static CidrValue? Address(string ip) =>
        CidrSyntax.ParseLegacy(ip + (ip.Contains(':', StringComparison.Ordinal) ? "/128" : "/32"));

    public static bool Contains(IpBlock block, string ip)
    {
        if (CidrSyntax.ParseLegacy(block.Cidr) is not { } cidr || Address(ip) is not { } address || !cidr.Covers(address)) return false;
        if (block.Except.IsDefault) return true;
        foreach (var e in block.Except)
            if (CidrSyntax.ParseLegacy(e) is { } except && except.Covers(address)) return false;
        return true;
    }

    public static bool Contains(IpBlock block, PodInfo pod) => pod.HasIp && pod.Ips.Any(ip => Contains(block, ip));

    /// <summary>Membership for already parsed values: inside cidr and outside every except.</summary>
    public static bool Contains(CidrValue cidr, IReadOnlyList<CidrValue> except, ImmutableArray<CidrValue> addresses) =>
        addresses.Any(a => cidr.Covers(a) && !except.Any(e => e.Covers(a)));
}
