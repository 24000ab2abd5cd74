using System.Net;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// <c>ForwardedHeaders:*</c>: which reverse proxies (the Ingress controller) may tell the dashboard the client's
/// scheme, host and address. Headers from anyone else are ignored: trusting them would let a client claim https
/// (Secure cookies, redirect URIs) or another origin (the hub's origin check).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary><c>ForwardedHeaders:KnownProxies</c>: proxy IP addresses, e.g. 10.0.0.12.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary><c>ForwardedHeaders:KnownNetworks</c>: proxy networks in CIDR notation, e.g. 10.244.0.0/16.</summary>
    public string[] KnownNetworks { get; set; } = [];

    internal IEnumerable<string> Validate()
    {
        for (var i = 0; i < KnownProxies.Length; i++)
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return $"ForwardedHeaders:KnownProxies:{i} is '{KnownProxies[i]}'; it must be an IP address.";
        for (var i = 0; i < KnownNetworks.Length; i++)
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return $"ForwardedHeaders:KnownNetworks:{i} is '{KnownNetworks[i]}'; it must be a CIDR network like 10.0.0.0/8.";
    }

    internal bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}
