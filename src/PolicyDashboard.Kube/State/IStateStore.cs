namespace PolicyDashboard.Kube.State;

/// <summary>
/// The dashboard's own state in its state namespace (<see cref="StateOptions.StateNamespace"/>), read and written
/// with the dashboard's own credentials — never as the signed-in user: users have no RBAC on it, and what they may do
/// with it is the dashboard's rule. Writes are optimistic: a replace carries the version it read.
/// </summary>
public interface IStateStore
{
    /// <summary>The namespace every document lives in.</summary>
    string Namespace { get; }

    /// <summary>The document, or null when it does not exist.</summary>
    Task<StateDocument?> GetAsync(StateKind kind, string name, CancellationToken cancellationToken);

    /// <summary>Documents carrying every label in <paramref name="labels"/>.</summary>
    Task<IReadOnlyList<StateDocument>> ListAsync(StateKind kind, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Creates the document; <see cref="StateConflictException"/> when it exists.</summary>
    Task<StateDocument> CreateAsync(StateKind kind, StateDocument document, CancellationToken cancellationToken);

    /// <summary>Replaces the document read at <see cref="StateDocument.ResourceVersion"/>; <see cref="StateConflictException"/> when it changed since.</summary>
    Task<StateDocument> ReplaceAsync(StateKind kind, StateDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the document; with <paramref name="resourceVersion"/> only if it is still at that version
    /// (<see cref="StateConflictException"/> otherwise). Returns false when it did not exist.
    /// </summary>
    Task<bool> DeleteAsync(StateKind kind, string name, string? resourceVersion, CancellationToken cancellationToken);
}
