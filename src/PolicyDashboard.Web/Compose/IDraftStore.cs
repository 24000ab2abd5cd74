namespace PolicyDashboard.Web.Compose;

/// <summary>A draft kept for its author: the YAML as last edited, the namespace it was composed for, and where it came from.</summary>
public sealed record Draft(string Id, string Title, string Yaml, string Namespace, DateTimeOffset UpdatedAt, string? Source);

/// <summary>The signed-in user's drafts. An empty <see cref="Draft.Id"/> on save means a new draft; the store assigns one.</summary>
public interface IDraftStore
{
    Task<IReadOnlyList<Draft>> ListAsync(CancellationToken ct);
    Task<Draft?> GetAsync(string id, CancellationToken ct);
    Task<Draft> SaveAsync(Draft draft, CancellationToken ct);
    Task DeleteAsync(string id, CancellationToken ct);
}
