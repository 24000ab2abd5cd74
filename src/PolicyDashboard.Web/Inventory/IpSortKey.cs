using System.Net;

namespace PolicyDashboard.Web.Inventory;

/// <summary>Orders addresses numerically (10.0.0.9 before 10.0.0.10), IPv4 before IPv6, unparsable text last.</summary>
public readonly record struct IpSortKey(int Family, UInt128 Value, string Text) : IComparable<IpSortKey>
{
    public static IpSortKey Parse(string text)
    {
        if (!IPAddress.TryParse(text, out var ip)) return new(2, 0, text);
        var bytes = ip.GetAddressBytes();
        UInt128 v = 0;
        foreach (var b in bytes) v = (v << 8) | b;
        return new(bytes.Length == 4 ? 0 : 1, v, text);
    }

    public int CompareTo(IpSortKey other)
    {
        var c = Family.CompareTo(other.Family);
        if (c == 0) c = Value.CompareTo(other.Value);
        return c != 0 ? c : string.CompareOrdinal(Text, other.Text);
    }
}
