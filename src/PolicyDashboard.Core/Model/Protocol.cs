namespace PolicyDashboard.Core.Model;

/// <summary>The protocols NetworkPolicy ports may name. "TCP" is the API's default when a port omits it.</summary>
public enum Protocol { TCP, UDP, SCTP }

public static class ProtocolNames
{
    public static bool TryParse(string? value, out Protocol protocol)
    {
        switch (value)
        {
            case "TCP": protocol = Protocol.TCP; return true;
            case "UDP": protocol = Protocol.UDP; return true;
            case "SCTP": protocol = Protocol.SCTP; return true;
            default: protocol = Protocol.TCP; return false;
        }
    }
}
