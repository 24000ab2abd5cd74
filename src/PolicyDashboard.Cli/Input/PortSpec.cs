using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Cli.Input;

/// <summary>A port and protocol as the CLI accepts them: <c>80</c>, <c>80/TCP</c>, <c>53/udp</c>.</summary>
public readonly record struct PortSpec(int Port, Protocol Protocol) : IComparable<PortSpec>
{
    public const int MinPort = 1;
    public const int MaxPort = 65535;

    public override string ToString() => $"{Port.ToString(CultureInfo.InvariantCulture)}/{Protocol}";

    public int CompareTo(PortSpec other)
    {
        var byProtocol = Protocol.CompareTo(other.Protocol);
        return byProtocol != 0 ? byProtocol : Port.CompareTo(other.Port);
    }

    /// <summary>Parses <c>PORT[/PROTOCOL]</c>; the protocol defaults to TCP as in the Kubernetes API.</summary>
    public static bool TryParse(string? text, out PortSpec spec, out string error)
    {
        spec = default;
        text = text?.Trim() ?? "";
        var slash = text.IndexOf('/');
        var portText = slash < 0 ? text : text[..slash];
        var protocol = Protocol.TCP;
        if (slash >= 0 && !TryParseProtocol(text[(slash + 1)..], out protocol, out error))
            return false;
        if (!TryParsePort(portText, out var port, out error))
            return false;
        spec = new PortSpec(port, protocol);
        return true;
    }

    public static bool TryParsePort(string text, out int port, out string error)
    {
        error = "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            error = $"'{text}' is not a port number (expected 1-65535, e.g. 80 or 80/TCP)";
            return false;
        }
        return CheckRange(port, out error);
    }

    public static bool CheckRange(int port, out string error)
    {
        error = port is >= MinPort and <= MaxPort ? "" : $"port {port} is out of range (expected 1-65535)";
        return error.Length == 0;
    }

    /// <summary>TCP, UDP or SCTP, case-insensitive on the command line (the API itself is case-sensitive).</summary>
    public static bool TryParseProtocol(string? text, out Protocol protocol, out string error)
    {
        error = "";
        if (ProtocolNames.TryParse(text?.Trim().ToUpperInvariant(), out protocol))
            return true;
        error = $"'{text}' is not a protocol (expected TCP, UDP or SCTP)";
        return false;
    }
}
