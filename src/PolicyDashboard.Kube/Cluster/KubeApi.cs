using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Kube.Cluster;

/// <summary>
/// Who a request is made as. Null means the dashboard's own credentials; otherwise the request carries
/// Impersonate-User / Impersonate-Group headers, so the API server applies that person's RBAC and audits them.
/// </summary>
public sealed record RequestIdentity(string User, IReadOnlyList<string> Groups);

/// <summary>An API request that failed with an HTTP status, with the Status object the server sent (if any).</summary>
public sealed class KubeApiException(HttpStatusCode statusCode, V1Status? status, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public V1Status? Status { get; } = status;
}

/// <summary>
/// Raw HTTP over the KubernetesClient's connection setup (TLS, client certificates, token refresh). The informers
/// need what the typed API hides: list metadata (continue, remainingItemCount), watch ERROR events with their
/// Status code, bookmarks, and the same code path for CRDs without generated types.
/// </summary>
public sealed class KubeApi(Kubernetes client)
{
    public Kubernetes Client { get; } = client;

    public Uri BaseUri => Client.BaseUri;

    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string relativeUri, HttpContent? content, RequestIdentity? identity, bool streaming, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Client.BaseUri, relativeUri)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (identity is not null) AddImpersonation(request, identity);

        if (Client.Credentials is not null) await Client.Credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await Client.HttpClient.SendAsync(
            request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation: "Impersonate-User:
    /// The username to act as. Impersonate-Group: A group name to act as. Can be provided multiple times to set
    /// multiple groups. Optional. Requires Impersonate-User." One header line per group is what the API server reads;
    /// <see cref="ImpersonationGroupLines"/> turns the per-group markers into those lines on HTTP/1.1.
    /// </summary>
    private void AddImpersonation(HttpRequestMessage request, RequestIdentity identity)
    {
        if (string.IsNullOrEmpty(identity.User)) throw new ArgumentException("an impersonated identity needs a user name", nameof(identity));
        if (!IsHeaderSafe(identity.User) || identity.Groups.Any(g => string.IsNullOrEmpty(g) || !IsHeaderSafe(g)))
            throw new ArgumentException("impersonated user and group names must be non-empty and free of control characters", nameof(identity));
        if (identity.Groups.Count > 0 && !ImpersonationGroupLines.IsInstalled(Client))
            throw new InvalidOperationException("Impersonating groups needs a client built by KubernetesClientFactory (one Impersonate-Group line per group).");
        request.Headers.TryAddWithoutValidation("Impersonate-User", identity.User);
        for (var i = 0; i < identity.Groups.Count; i++)
            request.Headers.TryAddWithoutValidation(ImpersonationGroupLines.MarkerPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), identity.Groups[i]);
        request.Version = HttpVersion.Version11;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
    }

    private static bool IsHeaderSafe(string value) => !value.Any(char.IsControl);

    /// <summary>GET returning the parsed body; throws <see cref="KubeApiException"/> for an error status.</summary>
    public async Task<JsonDocument> GetJsonAsync(string relativeUri, RequestIdentity? identity, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, relativeUri, null, identity, streaming: false, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = TryReadStatus(body);
        throw new KubeApiException(response.StatusCode, status,
            $"{(int)response.StatusCode} {response.ReasonPhrase}: {status?.Message ?? Truncate(body)}");
    }

    public static V1Status? TryReadStatus(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(body);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
