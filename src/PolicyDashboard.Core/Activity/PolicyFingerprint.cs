using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PolicyDashboard.Core.Diff;
using PolicyDashboard.Core.Model;

namespace PolicyDashboard.Core.Activity;

/// <summary>
/// A short digest of what a person changes in a policy: its spec (canonical, so equal specs digest equally), labels and
/// annotations. Left out on purpose: resourceVersion, generation, managedFields and status, which change without the
/// policy changing (a status update, a no-op re-apply's timestamps) and would otherwise be recorded as activity.
/// </summary>
public static class PolicyFingerprint
{
    public static string Of(NetworkPolicyInfo policy) => Digest(PolicyText.Of(policy), policy.Meta);

    public static string Of(AdminPolicyInfo policy) => Digest(PolicyText.Of(policy), policy.Meta);

    /// <summary>Every policy of a snapshot with its fingerprint: what the activity history remembers across restarts.</summary>
    public static ImmutableDictionary<ActivityPolicyKey, string> All(ClusterSnapshot snapshot)
    {
        var builder = ImmutableDictionary.CreateBuilder<ActivityPolicyKey, string>();
        foreach (var p in snapshot.NetworkPolicies.Values) builder[ActivityPolicyKey.Of(p)] = Of(p);
        foreach (var p in snapshot.AdminPolicies.Values) builder[ActivityPolicyKey.Of(p)] = Of(p);
        return builder.ToImmutable();
    }

    private static string Digest(string spec, ObjectMeta meta)
    {
        var text = new StringBuilder(spec);
        foreach (var (name, map) in new[] { ("labels", meta.Labels), ("annotations", meta.Annotations) })
        {
            text.Append('\n').Append(name);
            foreach (var (k, v) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) text.Append('\n').Append(k).Append('=').Append(v);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
