using System.Collections.Concurrent;
using PolicyDashboard.Web.Compose;

namespace PolicyDashboard.Web.Tests.Components.Fakes;

/// <summary>Drafts of one user kept in memory, for page tests; the cluster-backed store has its own tests.</summary>
public sealed class InMemoryDraftStore : IDraftStore
{
    private int _next;

    public ConcurrentDictionary<string, Draft> Drafts { get; } = new();

    public Task<IReadOnlyList<Draft>> ListAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Draft>>([.. Drafts.Values.OrderByDescending(d => d.UpdatedAt)]);

    public Task<Draft?> GetAsync(string id, CancellationToken ct) => Task.FromResult(Drafts.GetValueOrDefault(id));

    public Task<Draft> SaveAsync(Draft draft, CancellationToken ct)
    {
        var saved = draft.Id.Length == 0 ? draft with { Id = $"d{Interlocked.Increment(ref _next)}" } : draft;
        Drafts[saved.Id] = saved;
        return Task.FromResult(saved);
    }

    public Task DeleteAsync(string id, CancellationToken ct)
    {
        Drafts.TryRemove(id, out _);
        return Task.CompletedTask;
    }
}
