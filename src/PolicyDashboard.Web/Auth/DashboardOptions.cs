namespace PolicyDashboard.Web.Auth;

/// <summary>Settings under <c>Dashboard:*</c>: what this install lets anyone do. Bound and checked at start.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// <c>Dashboard:ReadOnly</c>: a read-only install. Every mutation (apply, delete, dry-run, drafts) is refused for
    /// everyone, admins included, by <see cref="IMutationGuard"/>; the UI shows admins as read-only. The read-only
    /// overlay also takes impersonation away from the service account, so the cluster refuses writes as well.
    /// </summary>
    public bool ReadOnly { get; set; }
}
