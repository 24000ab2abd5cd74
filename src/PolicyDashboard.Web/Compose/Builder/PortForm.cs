using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>
/// One entry of a rule's ports as typed: the protocol, a port (a number, a container port's name, or empty for every
/// port of the protocol) and an optional end of a range (NetworkPolicyPort.endPort, inclusive, numeric port only).
/// </summary>
public sealed class PortForm
{
    public string Protocol { get; set; } = "TCP";
    public string Port { get; set; } = "";
    public string EndPort { get; set; } = "";

    /// <summary>The API's port entry; text that cannot be an API value is reported at its field and left out.</summary>
    public NetworkPolicyPort ToPort(string path, IList<FormError> errors)
    {
        IntOrString? port = null;
        var text = Port.Trim();
        if (text.Length > 0)
        {
            if (text.All(char.IsAsciiDigit))
            {
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) port = IntOrString.Of(number);
                else errors.Add(new FormError($"{path}.port", $"{text} is not a port number (1-65535)"));
            }
            else port = IntOrString.Of(text);
        }
        int? end = null;
        var endText = EndPort.Trim();
        if (endText.Length > 0)
        {
            if (int.TryParse(endText, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) end = number;
            else errors.Add(new FormError($"{path}.endPort", $"\"{endText}\" is not a number: endPort ends a range of port numbers"));
        }
        return new NetworkPolicyPort(Protocol, port, end);
    }

    public static PortForm From(NetworkPolicyPort port) => new()
    {
        Protocol = port.Protocol ?? "TCP",
        Port = port.Port?.ToString() ?? "",
        EndPort = port.EndPort?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    public PortForm Copy() => new() { Protocol = Protocol, Port = Port, EndPort = EndPort };
}
