using System.Collections.Immutable;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Compose;

/// <summary>
/// What a part of a draft policy matches in the cluster as it is now: the pods (in namespace/name order), the
/// namespaces they or the selector cover, and whether addresses outside the cluster are included (an ipBlock, or a
/// rule without peers). <see cref="Valid"/> is false when the part cannot match as written (an invalid selector or
/// CIDR); <see cref="Note"/> then says why.
/// </summary>
public sealed record SelectionPreview(
    ImmutableArray<PodInfo> Pods,
    ImmutableArray<string> Namespaces,
    bool IncludesExternal,
    bool Valid = true,
    string? Note = null)
{
    public static readonly SelectionPreview Nothing = new([], [], false);

    public static SelectionPreview Invalid(string note) => new([], [], false, false, note);

    /// <summary>"3 pods in 2 namespaces", "no pod", "every pod and every address outside the cluster"…</summary>
    public string Summary
    {
        get
        {
            if (!Valid) return Note ?? "matches nothing as written";
            var pods = Pods.Length switch { 0 => "no pod", 1 => "1 pod", var n => $"{n:N0} pods" };
            var where = Namespaces.Length switch { 0 => "", 1 => $" in {Namespaces[0]}", var n => $" in {n:N0} namespaces" };
            var text = Pods.Length == 0 && Namespaces.Length > 0 ? $"no pod yet{where}" : pods + where;
            return IncludesExternal ? $"{text} and addresses outside the cluster" : text;
        }
    }
}
