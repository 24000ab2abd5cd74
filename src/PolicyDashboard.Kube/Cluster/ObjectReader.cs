using System.Net;
using System.Text.Json.Nodes;
using PolicyDashboard.Kube.Convert;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>Reads one object on demand and renders it as YAML without managedFields.</summary>
public sealed class ObjectReader(KubernetesClientProvider provider) : IObjectReader
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The kind is not one the dashboard follows.</exception>
    /// <exception cref="KubeApiException">The API server refused (other than 404).</exception>
    public async Task<string?> GetYamlAsync(string kind, string? @namespace, string name, CancellationToken cancellationToken)
    {
        var resource = ResourceKinds.FindByName(kind) ?? throw new ArgumentException($"Unknown kind '{kind}'.", nameof(kind));
        using var response = await provider.Api.SendAsync(
            HttpMethod.Get, resource.ObjectPath(@namespace, name), null, null, streaming: false, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await KubeApi.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return JsonYaml.ToYaml(JsonYaml.WithoutManagedFields(JsonNode.Parse(json)));
    }
}
