using System.Globalization;

namespace PolicyDashboard.Core.Policies;

/// <summary>
/// A CIDR block, normalised to its network address. Kubernetes parses ipBlock.cidr with net.ParseCIDR, which keeps the
/// network and drops host bits: "10.0.0.5/24" means 10.0.0.0/24 (NetworkPolicy API reference, IPBlock.cidr).
/// IPv4 blocks contain only IPv4 addresses and IPv6 blocks only IPv6 addresses.
/// </summary>
public readonly record struct Cidr(UInt128 Network, int PrefixLength, bool IsV6)
{
    public int Bits => IsV6 ? 128 : 32;

    /// <summary>Whether the text had host bits set (it still parses; lint may mention it).</summary>
    public static bool TryParse(string? text, out Cidr cidr, out bool hadHostBits)
    {
        cidr = default;
        hadHostBits = false;
        if (string.IsNullOrEmpty(text)) return false;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1) return false;
        var lengthText = text[(slash + 1)..];
        if (lengthText.Length > 3 || !lengthText.All(char.IsAsciiDigit)) return false;
        if (!IpAddr.TryParse(text[..slash], out var address)) return false;
        // "::ffff:10.0.0.0/104" style mapped prefixes are not accepted: keep families apart.
        if (!address.IsV6 && text[..slash].Contains(':')) return false;
        var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
        if (length > address.Bits) return false;
        var mask = Mask(length, address.IsV6);
        cidr = new Cidr(address.Value & mask, length, address.IsV6);
        hadHostBits = (address.Value & ~mask & (address.IsV6 ? UInt128.MaxValue : uint.MaxValue)) != 0;
        return true;
    }

    public static bool TryParse(string? text, out Cidr cidr) => TryParse(text, out cidr, out _);

    public bool Contains(IpAddr address) =>
        address.IsV6 == IsV6 && (address.Value & Mask(PrefixLength, IsV6)) == Network;

    /// <summary>True when <paramref name="other"/> lies entirely inside this block (equal blocks included).</summary>
    public bool Contains(Cidr other) =>
        other.IsV6 == IsV6 && other.PrefixLength >= PrefixLength && (other.Network & Mask(PrefixLength, IsV6)) == Network;

    /// <summary>First and last address of the block, for splitting address space into ranges.</summary>
    public UInt128 First => Network;
    public UInt128 Last => Network | (~Mask(PrefixLength, IsV6) & (IsV6 ? UInt128.MaxValue : uint.MaxValue));

    private static UInt128 Mask(int length, bool v6)
    {
        var bits = v6 ? 128 : 32;
        if (length == 0) return 0;
        var all = v6 ? UInt128.MaxValue : uint.MaxValue;
        return (all << (bits - length)) & all;
    }

    public override string ToString() => $"{new IpAddr(Network, IsV6)}/{PrefixLength}";
}
