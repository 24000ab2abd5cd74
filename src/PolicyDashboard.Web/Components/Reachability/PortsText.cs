using PolicyDashboard.Core.Reachability.Fast;

namespace PolicyDashboard.Web.Components.Reachability;

/// <summary>Port sets as people read them.</summary>
public static class PortsText
{
    public static string Of(PortSet ports) => ports.Equals(PortSet.All) ? "all ports" : ports.IsEmpty ? "no port" : ports.ToString();
}
