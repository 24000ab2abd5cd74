namespace PolicyDashboard.Web.Auth;

/// <summary>What a signed-in person may do; ordered so that a higher role includes the lower ones.</summary>
public enum DashboardRole
{
    /// <summary>Signed in (or not) but in neither Auth:AdminGroups nor Auth:AuditorGroups: no access.</summary>
    None = 0,

    /// <summary>Every read view and export; never a change.</summary>
    Auditor = 1,

    /// <summary>Everything, including apply, delete, dry-run and drafts.</summary>
    Admin = 2,
}
