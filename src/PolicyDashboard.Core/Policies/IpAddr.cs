using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// An IPv4 or IPv6 address as one 128-bit number (IPv4 in the low 32 bits), so containment is two integer operations.
/// IPv4-mapped IPv6 addresses (<c>::ffff:a.b.c.d</c>) are treated as IPv4, as Go's net.IPNet.Contains does.
/// </summary>
public readonly record struct IpAddr(UInt128 Value, bool IsV6)
{
    public int Bits => IsV6 ? 128 : 32;

    public static bool TryParse(string? text, out IpAddr address)
    {
        address = default;
        if (string.IsNullOrEmpty(text)) return false;
        if (text.Contains(':'))
        {
            // No zones ("fe80::1%eth0"): they are not valid in pod IPs or CIDRs.
            if (text.Contains('%') || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
            if (v6.IsIPv4MappedToIPv6) return TryParse(v6.MapToIPv4().ToString(), out address);
            var bytes = v6.GetAddressBytes();
            UInt128 value = 0;
            foreach (var b in bytes) value = (value << 8) | b;
            address = new IpAddr(value, true);
            return true;
        }
        return TryParseV4(text, out address);
    }

    /// <summary>
    /// Dotted-quad only (no "10" or "10.1" shorthands). Leading zeros are read as decimal, as Kubernetes' ParseIPSloppy
    /// (k8s.io/utils/net) accepts them for backwards compatibility.
    /// </summary>
    private static bool TryParseV4(string text, out IpAddr address)
    {
        address = default;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            var octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            value = (value << 8) | (uint)octet;
        }
        address = new IpAddr(value, false);
        return true;
    }

    public override string ToString()
    {
        if (!IsV6)
        {
            var v = (uint)Value;
            return $"{v >> 24}.{(v >> 16) & 255}.{(v >> 8) & 255}.{v & 255}";
        }
        var bytes = new byte[16];
        var x = Value;
        for (var i = 15; i >= 0; i--) { bytes[i] = (byte)(x & 255); x >>= 8; }
        return new IPAddress(bytes).ToString();
    }
}
