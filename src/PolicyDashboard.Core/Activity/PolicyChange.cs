using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Activity;

/// <summary>
/// One policy that was created, updated or deleted between two observed states. The policy objects are kept as they
/// were before and after (null where they did not exist, or where the state before is unknown because the change
/// happened while the dashboard was down: <see cref="SeenAtStart"/>). <see cref="Fingerprint"/> identifies the
/// resulting version (the last known one for a deletion).
/// </summary>
public sealed record PolicyChange(
    ActivityPolicyKey Key,
    ActivityAction Action,
    string Fingerprint,
    NetworkPolicyInfo? NetworkBefore = null,
    NetworkPolicyInfo? NetworkAfter = null,
    AdminPolicyInfo? AdminBefore = null,
    AdminPolicyInfo? AdminAfter = null,
    bool SeenAtStart = false)
{
    public ObjectMeta? MetaBefore => NetworkBefore?.Meta ?? AdminBefore?.Meta;

    public ObjectMeta? MetaAfter => NetworkAfter?.Meta ?? AdminAfter?.Meta;

    /// <summary>Whether the state before the change is known, so the connectivity it opened or closed can be computed.</summary>
    public bool BeforeKnown => !SeenAtStart || Action == ActivityAction.Created;

    /// <summary><paramref name="snapshot"/> with this one change made (the policy put in place, replaced or removed).</summary>
    public ClusterSnapshot ApplyTo(ClusterSnapshot snapshot)
    {
        if (Key.Kind == ActivityPolicyKey.NetworkPolicyKind)
        {
            var key = new ObjectKey(Key.Namespace, Key.Name);
            return snapshot with
            {
                NetworkPolicies = NetworkAfter is null ? snapshot.NetworkPolicies.Remove(key) : snapshot.NetworkPolicies.SetItem(key, NetworkAfter),
            };
        }
        var adminKey = AdminAfter?.Key ?? AdminBefore?.Key ?? new AdminPolicyKey(Enum.Parse<AdminPolicyKind>(Key.Kind), Key.Name);
        return snapshot with
        {
            AdminPolicies = AdminAfter is null ? snapshot.AdminPolicies.Remove(adminKey) : snapshot.AdminPolicies.SetItem(adminKey, AdminAfter),
        };
    }

    /// <summary><paramref name="snapshot"/> without this change: the policy as it was before (removed when it was created).</summary>
    public ClusterSnapshot RevertIn(ClusterSnapshot snapshot) =>
        (this with { NetworkAfter = NetworkBefore, AdminAfter = AdminBefore }).ApplyTo(snapshot);
}
