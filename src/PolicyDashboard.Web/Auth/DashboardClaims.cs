namespace PolicyDashboard.Web.Auth;

/// <summary>Claim types and ticket items the dashboard adds itself (never taken from an IdP).</summary>
public static class DashboardClaims
{
    /// <summary>Marks the principal of Unsecured mode; only honoured while Auth:Mode is Unsecured.</summary>
    public const string Unsecured = "policydash:unsecured";

    /// <summary>Key of the server-side session holding this principal's tokens (see <see cref="ServerSideTicketStore"/>).</summary>
    public const string SessionKey = "policydash:session";

    /// <summary>Ticket item: when the groups were last confirmed by the IdP (round-trip "O" format).</summary>
    public const string GroupsCheckedAtItem = ".policydash.groupsCheckedAt";
}
