using System.Text.Json.Nodes;
using PolicyDashboard.Sandbox.Kinds;

namespace PolicyDashboard.Sandbox.Store;

internal enum EventType { Added, Modified, Deleted }

/// <summary>
/// One change, as kept in the replay history and fanned out to watches. Objects are never mutated after they are
/// stored, so events share them with the store. <see cref="Old"/> is the state before a modification, which lets a
/// selector-filtered watch turn "left the selection" into DELETED as the apiserver does.
/// </summary>
internal sealed record StoredEvent(long Rv, ResourceKind Kind, EventType Type, JsonObject Object, JsonObject? Old)
{
    public static string TypeName(EventType t) => t switch
    {
        EventType.Added => "ADDED",
        EventType.Modified => "MODIFIED",
        _ => "DELETED",
    };
}
