using System.Collections.Immutable;
using System.Net;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Which of the followed kinds the cluster serves, from the discovery documents (/api/v1, /apis/&lt;group&gt;/&lt;version&gt;).
/// A cluster without the network-policy-api CRDs simply does not serve those kinds: that is not an error.
/// </summary>
internal static class Discovery
{
    public static async Task<ImmutableHashSet<ResourceKind>> ServedAsync(KubeApi api, IEnumerable<ResourceKind> kinds, CancellationToken cancellationToken)
    {
        var served = ImmutableHashSet.CreateBuilder<ResourceKind>();
        foreach (var group in kinds.GroupBy(k => k.GroupVersionPath))
        {
            ImmutableHashSet<string> resources;
            try
            {
                using var doc = await api.GetJsonAsync(group.Key, null, cancellationToken).ConfigureAwait(false);
                resources = doc.RootElement.TryGetProperty("resources", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
                    ? list.EnumerateArray()
                        .Select(r => r.TryGetProperty("name", out var n) ? n.GetString() : null)
                        .Where(n => n is not null)
                        .Select(n => n!)
                        .ToImmutableHashSet(StringComparer.Ordinal)
                    : [];
            }
            catch (KubeApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound)
            {
                continue; // group/version not served
            }

            foreach (var kind in group)
                if (resources.Contains(kind.Plural)) served.Add(kind);
        }

        return served.ToImmutable();
    }
}
