using System.Globalization;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Web.Compose.Builder;

/// <summary>The shapes of an admin-tier port: portNumber, portRange or namedPort.</summary>
public enum AdminPortKind { Number, Range, Named }

/// <summary>One port of an admin-tier rule as typed.</summary>
public sealed class AdminPortForm
{
    public AdminPortKind Kind { get; set; } = AdminPortKind.Number;
    public string Protocol { get; set; } = "TCP";
    public string Port { get; set; } = "";
    public string End { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The API's port; text that is not a number where one is needed is reported at its field and left out.</summary>
    public AdminPort? ToPort(string path, IList<FormError> errors)
    {
        int? Number(string text, string field)
        {
            if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add(new FormError($"{path}.{field}", $"\"{text.Trim()}\" is not a port number (1-65535)"));
            return null;
        }
        return Kind switch
        {
            AdminPortKind.Named => new AdminPort.Named(Name.Trim()),
            AdminPortKind.Range => Number(Port, "portRange.start") is { } start && Number(End, "portRange.end") is { } end ? new AdminPort.Range(Protocol, start, end) : null,
            _ => Number(Port, "portNumber.port") is { } port ? new AdminPort.Number(Protocol, port) : null,
        };
    }

    public static AdminPortForm From(AdminPort port) => port switch
    {
        AdminPort.Named n => new AdminPortForm { Kind = AdminPortKind.Named, Name = n.Name },
        AdminPort.Range r => new AdminPortForm { Kind = AdminPortKind.Range, Protocol = r.Protocol, Port = r.Start.ToString(CultureInfo.InvariantCulture), End = r.End.ToString(CultureInfo.InvariantCulture) },
        AdminPort.Number n => new AdminPortForm { Protocol = n.Protocol, Port = n.Port.ToString(CultureInfo.InvariantCulture) },
        _ => new AdminPortForm(),
    };
}
