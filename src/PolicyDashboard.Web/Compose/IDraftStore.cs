namespace PolicyDashboard.Web.Compose;

/// <summary>
/// The signed-in user's composer drafts, kept in the cluster so that a reload, a dropped circuit or a server restart
/// loses nothing. Scoped: every call acts for the current user only, and one user can never read or change another's
/// drafts. Every call requires a dashboard admin (auditors have no drafts; a read-only install has none either) and
/// throws <see cref="Auth.DashboardForbiddenException"/> otherwise; limits are refused with
/// <see cref="DraftRejectedException"/>.
/// </summary>
public interface IDraftStore
{
    /// <summary>The current user's drafts, newest first.</summary>
    Task<IReadOnlyList<Draft>> ListAsync(CancellationToken ct);

    /// <summary>One of the current user's drafts, or null.</summary>
    Task<Draft?> GetAsync(string id, CancellationToken ct);

    /// <summary>Creates (empty <see cref="Draft.Id"/>) or replaces a draft; returns it as stored (Id and UpdatedAt set).</summary>
    Task<Draft> SaveAsync(Draft draft, CancellationToken ct);

    /// <summary>Deletes a draft; nothing happens when it does not exist.</summary>
    Task DeleteAsync(string id, CancellationToken ct);
}
