namespace PolicyDashboard.Core.Validation;

/// <summary>A parsed CIDR: its family, its network address (host bits cleared) and its prefix length.</summary>
public readonly record struct CidrValue(bool IsIPv4, UInt128 Network, int PrefixLength)
{
    public int AddressBits => IsIPv4 ? 32 : 128;

    /// <summary>Whether every address of <paramref name="other"/> is one of this network's (same family only).</summary>
    public bool Covers(CidrValue other) =>
        other.IsIPv4 == IsIPv4 && other.PrefixLength >= PrefixLength && Mask(other.Network, PrefixLength, AddressBits) == Network;

    /// <summary>0.0.0.0/0 or ::/0: every address of the family.</summary>
    public bool IsWholeFamily => PrefixLength == 0;

    internal static UInt128 Mask(UInt128 address, int prefix, int bits)
    {
        if (prefix == 0) return UInt128.Zero;
        UInt128 all = bits == 32 ? uint.MaxValue : UInt128.MaxValue;
        return address & ((all << (bits - prefix)) & all);
    }
}

/// <summary>
/// The two CIDR grammars the API server applies to network policies, reproduced because .NET's parsers accept
/// forms Go rejects ("10.1", hexadecimal octets, zones):
/// <list type="bullet">
/// <item><see cref="ParseLegacy"/> — k8s.io/utils/net ParseCIDRSloppy, used for NetworkPolicy ipBlock while the
/// StrictIPCIDRValidation feature gate is off (its default: alpha since 1.33). IPv4 octets may carry leading zeros,
/// the prefix length too, and host bits may be set (the value then denotes its containing network).</item>
/// <item><see cref="IsCelCidr"/> — the CEL <c>isCIDR()</c> that the network-policy-api CRDs use: Go's
/// netip.ParsePrefix (no leading zeros, no zone) and no IPv4-mapped IPv6 address; host bits are allowed.</item>
/// </list>
/// </summary>
public static class CidrSyntax
{
    public static CidrValue? ParseLegacy(string? value) => Parse(value, strict: false);

    public static CidrValue? ParseStrict(string? value) => Parse(value, strict: true);

    public static bool IsCelCidr(string? value)
    {
        if (value is null) return false;
        var slash = value.LastIndexOf('/');
        if (slash < 0) return false;
        var address = ParseAddress(value[..slash], strict: true);
        return address is not null && !address.Value.IsIPv4Mapped && Parse(value, strict: true) is not null;
    }

    private static CidrValue? Parse(string? value, bool strict)
    {
        if (string.IsNullOrEmpty(value)) return null;
        // Go's net.ParseCIDR splits at the first '/', netip.ParsePrefix at the last; neither address may hold one.
        var slash = strict ? value.LastIndexOf('/') : value.IndexOf('/');
        if (slash < 0) return null;
        var address = ParseAddress(value[..slash], strict);
        if (address is null) return null;
        var bitsText = value[(slash + 1)..];
        // netip rejects a prefix length with leading zeros; the legacy parser reads any run of decimal digits.
        if (bitsText.Length == 0 || (strict && bitsText.Length > 1 && bitsText[0] == '0')) return null;
        var bits = 0;
        foreach (var c in bitsText)
        {
            if (c is < '0' or > '9') return null;
            bits = bits * 10 + (c - '0');
            if (bits > 0xFFFFFF) return null;
        }
        var (isV4, raw) = (address.Value.IsIPv4, address.Value.Bits);
        var width = isV4 ? 32 : 128;
        if (bits > width) return null;
        return new CidrValue(isV4, CidrValue.Mask(raw, bits, width), bits);
    }

    private readonly record struct ParsedAddress(bool IsIPv4, UInt128 Bits, bool IsIPv4Mapped);

    private static ParsedAddress? ParseAddress(string s, bool strict)
    {
        if (s.Contains(':', StringComparison.Ordinal))
        {
            var v6 = ParseIPv6(s, strict);
            if (v6 is null) return null;
            var mapped = (v6.Value >> 32) == 0xFFFF;
            return new ParsedAddress(false, v6.Value, mapped);
        }
        var v4 = ParseIPv4(s, strict);
        return v4 is null ? null : new ParsedAddress(true, v4.Value, false);
    }

    /// <summary>Dotted quad: exactly four decimal fields ≤ 255; strictly, no leading zeros and at most three digits.</summary>
    private static uint? ParseIPv4(string s, bool strict)
    {
        var fields = s.Split('.');
        if (fields.Length != 4) return null;
        uint result = 0;
        foreach (var f in fields)
        {
            if (f.Length == 0 || (strict && (f.Length > 3 || (f.Length > 1 && f[0] == '0')))) return null;
            var n = 0;
            foreach (var c in f)
            {
                if (c is < '0' or > '9') return null;
                n = n * 10 + (c - '0');
                if (n > 255) return null;
            }
            result = (result << 8) | (uint)n;
        }
        return result;
    }

    /// <summary>
    /// RFC 4291 text form: hexadecimal groups, one "::" for a run of at least one zero group, an optional trailing
    /// dotted quad in place of the last two groups. No zone. Strictly, at most four digits per group.
    /// </summary>
    private static UInt128? ParseIPv6(string s, bool strict)
    {
        if (s.Contains('%', StringComparison.Ordinal)) return null;
        var groups = new ushort[8];
        var count = 0;
        var ellipsis = -1;
        var i = 0;
        if (s.StartsWith("::", StringComparison.Ordinal))
        {
            ellipsis = 0;
            i = 2;
            if (i == s.Length) return UInt128.Zero;
        }
        while (count < 8)
        {
            var start = i;
            var n = 0;
            while (i < s.Length && char.IsAsciiHexDigit(s[i]))
            {
                n = n * 16 + HexValue(s[i]);
                if (n > 0xFFFFFF) return null;
                i++;
            }
            if (i == start || n > 0xFFFF || (strict && i - start > 4)) return null;
            if (i < s.Length && s[i] == '.')
            {
                // A trailing IPv4 address fills the last two groups.
                if ((ellipsis < 0 && count != 6) || count + 2 > 8) return null;
                var v4 = ParseIPv4(s[start..], strict);
                if (v4 is null) return null;
                groups[count++] = (ushort)(v4.Value >> 16);
                groups[count++] = (ushort)v4.Value;
                i = s.Length;
                break;
            }
            groups[count++] = (ushort)n;
            if (i == s.Length) break;
            if (s[i] != ':' || i + 1 == s.Length) return null;
            i++;
            if (s[i] == ':')
            {
                if (ellipsis >= 0) return null;
                ellipsis = count;
                i++;
                if (i == s.Length) break;
            }
        }
        if (i != s.Length) return null;
        if (count < 8)
        {
            if (ellipsis < 0) return null;
            var shift = 8 - count;
            for (var j = count - 1; j >= ellipsis; j--) groups[j + shift] = groups[j];
            for (var j = ellipsis; j < ellipsis + shift; j++) groups[j] = 0;
        }
        else if (ellipsis >= 0)
        {
            return null; // "::" must stand for at least one zero group
        }
        UInt128 value = 0;
        foreach (var g in groups) value = (value << 16) | g;
        return value;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
