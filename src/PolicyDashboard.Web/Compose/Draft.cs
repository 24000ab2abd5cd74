namespace PolicyDashboard.Web.Compose;

/// <summary>
/// A composer draft kept for its author: the YAML as typed (valid or not), the namespace the composer had selected,
/// when it was last saved, and where it came from when it started as an existing policy (e.g.
/// <c>edit default/allow-redis@rv123</c>), so the composer can warn when that policy changed since.
/// </summary>
/// <param name="Id">Assigned by the store on the first save (an empty Id means "new"); lowercase letters and digits.</param>
/// <param name="Title">What the author calls it in the list of drafts.</param>
/// <param name="Yaml">At most <see cref="DraftAnalyzer.MaxLength"/> characters.</param>
/// <param name="Namespace">The composer's selected namespace.</param>
/// <param name="UpdatedAt">Set by the store on every save.</param>
/// <param name="Source">Optional origin of the draft.</param>
public sealed record Draft(string Id, string Title, string Yaml, string Namespace, DateTimeOffset UpdatedAt, string? Source);
