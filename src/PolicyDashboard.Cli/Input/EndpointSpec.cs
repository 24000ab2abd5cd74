using System.Net;

namespace PolicyDashboard.Cli.Input;

/// <summary>
/// A traffic endpoint as written on the command line or in a probe: <c>namespace/pod</c> or <c>ip:ADDRESS</c>
/// (IPv4 or IPv6). Resolution against the loaded cluster happens later, in <see cref="EndpointResolver"/>.
/// </summary>
public abstract record EndpointSpec
{
    public const string IpPrefix = "ip:";

    public sealed record PodRef(string Namespace, string Name) : EndpointSpec
    {
        public override string ToString() => $"{Namespace}/{Name}";
    }

    public sealed record IpRef(IPAddress Address) : EndpointSpec
    {
        public override string ToString() => IpPrefix + Address;
    }

    public static bool TryParse(string? text, out EndpointSpec spec, out string error)
    {
        spec = null!;
        error = "";
        text = text?.Trim() ?? "";
        if (text.StartsWith(IpPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var address = text[IpPrefix.Length..];
            // IPAddress.TryParse accepts shorthand such as "10" or "1.2.3"; require the full dotted or colon form.
            if (!IPAddress.TryParse(address, out var ip) || (!address.Contains(':') && address.Count(c => c == '.') != 3))
            {
                error = $"'{text}' is not a valid IP endpoint (expected ip:ADDRESS with an IPv4 or IPv6 address)";
                return false;
            }
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            spec = new IpRef(ip);
            return true;
        }

        var parts = text.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            error = $"'{text}' is not an endpoint (expected namespace/pod or ip:ADDRESS)";
            return false;
        }
        spec = new PodRef(parts[0], parts[1]);
        return true;
    }
}
