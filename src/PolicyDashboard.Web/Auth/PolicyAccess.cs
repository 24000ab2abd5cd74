using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// May the current user change NetworkPolicies in a namespace? Asked of the cluster with SelfSubjectAccessReviews
/// made as the user (impersonated), after the dashboard's own role check. Components use it to enable apply and
/// delete per namespace; the write itself is still checked by the dashboard and by the API server.
/// </summary>
public interface IPolicyAccess
{
    /// <summary>The answer for <paramref name="namespace"/>; never throws except for cancellation.</summary>
    Task<PolicyAccess> ForNamespaceAsync(string @namespace, CancellationToken cancellationToken);
}

/// <summary>
/// What the current user may do with NetworkPolicies in one namespace. <see cref="Problem"/> is set when the
/// cluster could not be asked (then everything is false). <see cref="Reason"/> explains a "no".
/// </summary>
/// <param name="ActingAs">Whom the cluster answered for: the impersonated username or the dashboard's own account.</param>
public sealed record PolicyAccess(string Namespace, bool Create, bool Patch, bool Delete, string ActingAs, string? Reason = null, string? Problem = null)
{
    /// <summary>Server-side apply needs patch, and create when the policy is new.</summary>
    public bool CanApply => Create && Patch;

    public bool CanDelete => Delete;

    /// <summary>Apply and delete: "you can change policies here".</summary>
    public bool CanChange => CanApply && CanDelete;

    public bool Known => Problem is null;
}

/// <summary>
/// <see cref="IPolicyAccess"/> for one circuit or request (scoped), with a short cache per user identity and
/// namespace: answers live <see cref="CacheLifetime"/> and die with the circuit. A changed identity (groups
/// revalidated) is a different key. Failed reviews are not cached.
/// </summary>
internal sealed class PolicyAccessService(
    ICurrentUser currentUser,
    KubernetesIdentityResolver identities,
    KubernetesClientProvider cluster,
    TimeProvider clock) : IPolicyAccess
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);

    private const string ReviewPath = "apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    private static readonly string[] Verbs = ["create", "patch", "delete"];

    private readonly ConcurrentDictionary<(string Identity, string Namespace), (DateTimeOffset Until, Task<PolicyAccess> Answer)> _cache = new();

    public async Task<PolicyAccess> ForNamespaceAsync(string @namespace, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        RequestIdentity? identity;
        try
        {
            identity = identities.For(user);
        }
        catch (KubernetesIdentityException e)
        {
            return new PolicyAccess(@namespace, false, false, false, user.Name, Problem: e.Message);
        }
        var actingAs = identities.Describe(identity);
        if (!user.IsAdmin)
            return new PolicyAccess(@namespace, false, false, false, actingAs,
                Reason: $"your dashboard role is {user.Role}; only members of Auth:AdminGroups may change the cluster");

        var key = (identity is null ? "" : identity.User + "\n" + string.Join("\n", identity.Groups), @namespace);
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && cached.Until > now && !cached.Answer.IsFaulted)
            return await cached.Answer.WaitAsync(cancellationToken).ConfigureAwait(false);
        var answer = AskAsync(@namespace, identity, actingAs);
        _cache[key] = (now + CacheLifetime, answer);
        var result = await answer.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!result.Known) _cache.TryRemove(KeyValuePair.Create(key, (now + CacheLifetime, answer)));
        return result;
    }

    private async Task<PolicyAccess> AskAsync(string @namespace, RequestIdentity? identity, string actingAs)
    {
        try
        {
            // Not the caller's token: a review shared by every component of the circuit must not be cancelled by one.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var answers = await Task.WhenAll(Verbs.Select(v => ReviewAsync(@namespace, v, identity, timeout.Token))).ConfigureAwait(false);
            var (create, patch, delete) = (answers[0], answers[1], answers[2]);
            var refused = Verbs.Where((_, i) => !answers[i]).ToArray();
            return new PolicyAccess(@namespace, create, patch, delete, actingAs,
                Reason: refused.Length == 0 ? null : $"Kubernetes RBAC does not let {actingAs} {string.Join(", ", refused)} networkpolicies in {@namespace}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or KubeApiException or JsonException
                                      or ArgumentException or InvalidOperationException)
        {
            return new PolicyAccess(@namespace, false, false, false, actingAs, Problem: $"the cluster could not be asked: {e.Message}");
        }
    }

    /// <summary>
    /// POST a SelfSubjectAccessReview ("checks whether the current user can perform an action") for
    /// networking.k8s.io networkpolicies in the namespace; the impersonation headers make the user the current user.
    /// </summary>
    private async Task<bool> ReviewAsync(string @namespace, string verb, RequestIdentity? identity, CancellationToken cancellationToken)
    {
        var review = new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject
            {
                ["resourceAttributes"] = new JsonObject
                {
                    ["namespace"] = @namespace,
                    ["verb"] = verb,
                    ["group"] = "networking.k8s.io",
                    ["resource"] = "networkpolicies",
                },
            },
        };
        var content = new StringContent(review.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await cluster.Api.SendAsync(HttpMethod.Post, ReviewPath, content, identity, streaming: false, cancellationToken).ConfigureAwait(false);
        await KubeApi.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body?["status"]?["allowed"] is JsonValue allowed && allowed.TryGetValue<bool>(out var yes) && yes;
    }
}
