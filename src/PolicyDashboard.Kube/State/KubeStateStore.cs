using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;

namespace PolicyDashboard.Kube.State;

/// <summary>
/// <see cref="IStateStore"/> over the cluster's ConfigMaps and Secrets, with the client the informers use (the
/// dashboard's own credentials, no impersonation). The state namespace is resolved once, at first use.
/// </summary>
public sealed class KubeStateStore(KubernetesClientProvider clients, IOptions<StateOptions> state, IOptions<KubernetesOptions> kubernetes) : IStateStore
{
    private readonly Lazy<string> _namespace = new(() => StateNamespace.Resolve(state.Value, kubernetes.Value));

    public string Namespace => _namespace.Value;

    private ICoreV1Operations Core => clients.Client.CoreV1;

    public async Task<StateDocument?> GetAsync(StateKind kind, string name, CancellationToken cancellationToken)
    {
        try
        {
            return kind == StateKind.ConfigMap
                ? FromConfigMap(await Core.ReadNamespacedConfigMapAsync(name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false))
                : FromSecret(await Core.ReadNamespacedSecretAsync(name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (HttpOperationException e)
        {
            throw Failure(e, "read", kind, name);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e, "read", kind, name);
        }
    }

    public async Task<IReadOnlyList<StateDocument>> ListAsync(StateKind kind, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var selector = string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));
        try
        {
            return kind == StateKind.ConfigMap
                ? (await Core.ListNamespacedConfigMapAsync(Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.Select(FromConfigMap).ToList()
                : (await Core.ListNamespacedSecretAsync(Namespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)).Items.Select(FromSecret).ToList();
        }
        catch (HttpOperationException e)
        {
            throw Failure(e, "list", kind, selector);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e, "list", kind, selector);
        }
    }

    public async Task<StateDocument> CreateAsync(StateKind kind, StateDocument document, CancellationToken cancellationToken)
    {
        try
        {
            return kind == StateKind.ConfigMap
                ? FromConfigMap(await Core.CreateNamespacedConfigMapAsync(ToConfigMap(document), Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false))
                : FromSecret(await Core.CreateNamespacedSecretAsync(ToSecret(document), Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (HttpOperationException e)
        {
            throw Failure(e, "create", kind, document.Name);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e, "create", kind, document.Name);
        }
    }

    public async Task<StateDocument> ReplaceAsync(StateKind kind, StateDocument document, CancellationToken cancellationToken)
    {
        if (document.ResourceVersion is null) throw new ArgumentException("a replace needs the resourceVersion the document was read at", nameof(document));
        try
        {
            return kind == StateKind.ConfigMap
                ? FromConfigMap(await Core.ReplaceNamespacedConfigMapAsync(ToConfigMap(document), document.Name, Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false))
                : FromSecret(await Core.ReplaceNamespacedSecretAsync(ToSecret(document), document.Name, Namespace, fieldManager: FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StateConflictException($"{kind} {Namespace}/{document.Name} was deleted meanwhile");
        }
        catch (HttpOperationException e)
        {
            throw Failure(e, "replace", kind, document.Name);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e, "replace", kind, document.Name);
        }
    }

    public async Task<bool> DeleteAsync(StateKind kind, string name, string? resourceVersion, CancellationToken cancellationToken)
    {
        var options = resourceVersion is null ? null : new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = resourceVersion } };
        try
        {
            if (kind == StateKind.ConfigMap) await Core.DeleteNamespacedConfigMapAsync(name, Namespace, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            else await Core.DeleteNamespacedSecretAsync(name, Namespace, options, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (HttpOperationException e)
        {
            throw Failure(e, "delete", kind, name);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e, "delete", kind, name);
        }
    }

    /// <summary>The field manager state writes are recorded under (kept apart from policy writes' <c>policy-dashboard</c>).</summary>
    public const string FieldManager = "policy-dashboard-state";

    private Exception Failure(HttpOperationException e, string verb, StateKind kind, string name)
    {
        var status = KubeApi.TryReadStatus(e.Response.Content);
        var message = $"could not {verb} {kind} {Namespace}/{name}: {(int)e.Response.StatusCode} {status?.Message ?? e.Message}";
        return e.Response.StatusCode == HttpStatusCode.Conflict
            ? new StateConflictException(message)
            : new StateStoreException(e.Response.StatusCode, message, e);
    }

    private StateStoreException Unreachable(HttpRequestException e, string verb, StateKind kind, string name) =>
        new(0, $"could not {verb} {kind} {Namespace}/{name}: the API server is unreachable ({e.Message})", e);

    private static ImmutableDictionary<string, T> Map<T>(IDictionary<string, T>? source) =>
        (source ?? new Dictionary<string, T>()).ToImmutableDictionary(StringComparer.Ordinal);

    private static StateDocument FromConfigMap(V1ConfigMap map) =>
        new(map.Metadata.Name, Map(map.BinaryData), Map(map.Metadata.Labels), Map(map.Metadata.Annotations), map.Metadata.ResourceVersion);

    private static StateDocument FromSecret(V1Secret secret) =>
        new(secret.Metadata.Name, Map(secret.Data), Map(secret.Metadata.Labels), Map(secret.Metadata.Annotations), secret.Metadata.ResourceVersion);

    private V1ObjectMeta Meta(StateDocument d) => new()
    {
        Name = d.Name,
        NamespaceProperty = Namespace,
        Labels = d.Labels.ToDictionary(StringComparer.Ordinal),
        Annotations = d.Annotations.Count == 0 ? null : d.Annotations.ToDictionary(StringComparer.Ordinal),
        ResourceVersion = d.ResourceVersion,
    };

    private V1ConfigMap ToConfigMap(StateDocument d) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = Meta(d),
        BinaryData = d.Data.ToDictionary(StringComparer.Ordinal),
    };

    private V1Secret ToSecret(StateDocument d) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = Meta(d),
        Type = "Opaque",
        Data = d.Data.ToDictionary(StringComparer.Ordinal),
    };
}
