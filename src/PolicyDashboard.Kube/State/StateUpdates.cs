using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace PolicyDashboard.Kube.State;

/// <summary>
/// Read-modify-write of one state document without losing a concurrent change: read it, apply the change to what was
/// read, write it back at the version read; on a conflict read again and apply the same change to the fresh copy.
/// Bounded: after <see cref="MaxAttempts"/> conflicts in a row the last one is thrown (a writer that keeps losing is
/// told so instead of spinning). Updates of one document through one store are taken in turn, so writers in the same
/// process (two circuits of one user) never race each other; conflicts remain for other replicas, and a writer that
/// lost waits a short, random while before it tries again, so two replicas do not collide in step.
/// </summary>
public static class StateUpdates
{
    public const int MaxAttempts = 10;

    private static readonly ConditionalWeakTable<IStateStore, ConcurrentDictionary<(StateKind, string), SemaphoreSlim>> Turns = [];

    /// <summary>
    /// Applies <paramref name="change"/> (given the current document or null; returning the new document, null to
    /// delete it, or the same instance to leave it unchanged) and returns what is stored afterwards.
    /// </summary>
    public static async Task<StateDocument?> UpdateAsync(
        this IStateStore store, StateKind kind, string name, Func<StateDocument?, StateDocument?> change, CancellationToken cancellationToken)
    {
        var turn = Turns.GetOrCreateValue(store).GetOrAdd((kind, name), _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await UpdateInTurnAsync(store, kind, name, change, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private static async Task<StateDocument?> UpdateInTurnAsync(
        IStateStore store, StateKind kind, string name, Func<StateDocument?, StateDocument?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.GetAsync(kind, name, cancellationToken).ConfigureAwait(false);
            var next = change(current);
            try
            {
                if (ReferenceEquals(next, current)) return current;
                if (next is null)
                {
                    if (current is not null) await store.DeleteAsync(kind, name, current.ResourceVersion, cancellationToken).ConfigureAwait(false);
                    return null;
                }
                if (next.Name != name) throw new ArgumentException($"the change renamed the document ({name} → {next.Name})", nameof(change));
                return current is null
                    ? await store.CreateAsync(kind, next with { ResourceVersion = null }, cancellationToken).ConfigureAwait(false)
                    : await store.ReplaceAsync(kind, next with { ResourceVersion = current.ResourceVersion }, cancellationToken).ConfigureAwait(false);
            }
            catch (StateConflictException) when (attempt < MaxAttempts)
            {
                // Someone else wrote in between: re-read and apply the change to their version, after a jittered pause.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
