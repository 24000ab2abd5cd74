using System.Diagnostics.CodeAnalysis;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Reachability.Matrix;

/// <summary>One port and protocol the matrix is restricted to; no filter means every port of every protocol.</summary>
public readonly record struct PortFilter(Protocol Protocol, int Port)
{
    /// <summary>Parses <c>6379</c>, <c>6379/TCP</c> or <c>53/udp</c> (protocol defaults to TCP, as in NetworkPolicy).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PortFilter? filter, [NotNullWhen(false)] out string? error)
    {
        filter = null;
        error = null;
        var value = text?.Trim() ?? "";
        var slash = value.IndexOf('/');
        var portText = slash < 0 ? value : value[..slash];
        var protocol = Protocol.TCP;
        if (slash >= 0 && !ProtocolNames.TryParse(value[(slash + 1)..].ToUpperInvariant(), out protocol))
        {
            error = $"'{value[(slash + 1)..]}' is not a protocol: use TCP, UDP or SCTP";
            return false;
        }
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{portText}' is not a port number between 1 and 65535";
            return false;
        }
        filter = new PortFilter(protocol, port);
        return true;
    }

    public override string ToString() => $"{Port}/{Protocol}";
}
