using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Convert;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Kube.Writes;

/// <summary>
/// Server-side apply and delete of policy objects. Every API answer becomes a <see cref="WriteResult"/>; only
/// cancellation by the caller is thrown. Every outcome is counted in <paramref name="metrics"/> when given.
/// </summary>
public sealed partial class PolicyWriter(KubernetesClientProvider provider, PolicyWriteMetrics? metrics = null) : IPolicyWriter
{
    public const string FieldManager = "policy-dashboard";

    private static readonly ImmutableHashSet<ResourceKind> Writable =
    [
        ResourceKinds.NetworkPolicies, ResourceKinds.AdminNetworkPolicies, ResourceKinds.BaselineAdminNetworkPolicies, ResourceKinds.ClusterNetworkPolicies,
    ];

    public Task<WriteResult> ApplyAsync(string manifest, WriteOptions options, CancellationToken cancellationToken)
    {
        var (documents, _, error) = YamlJsonReader.ReadNodes(manifest, "manifest");
        if (error is not null)
            return Task.FromResult(Recorded(Apply, options, new WriteResult.Invalid($"line {error.Position.Line}, column {error.Position.Column}: {error.Message}", [])));
        var objects = documents.Where(d => d.Root is not null).ToList();
        if (objects.Count != 1 || objects[0].Root is not JsonObject obj)
            return Task.FromResult(Recorded(Apply, options, new WriteResult.Invalid("expected exactly one object", [])));
        return ApplyAsync(obj, options, cancellationToken);
    }

    public Task<WriteResult> ApplyAsync(NetworkPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(FromModel(ModelToKube.ToJson(policy)), options, cancellationToken);

    public Task<WriteResult> ApplyAsync(AdminPolicyInfo policy, WriteOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(FromModel(ModelToKube.ToJson(policy)), options, cancellationToken);

    /// <summary>
    /// A record read from the cluster carries uid and creationTimestamp; sent back they would act as preconditions or
    /// claim fields the server owns, so an applied record says only what the policy is.
    /// </summary>
    private static JsonObject FromModel(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            meta.Remove("uid");
            meta.Remove("creationTimestamp");
            meta.Remove("resourceVersion");
        }

        return obj;
    }

    /// <summary>Server-side apply of one object given as a JSON tree (apiVersion, kind, metadata, spec).</summary>
    public async Task<WriteResult> ApplyAsync(JsonObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var kind = (obj["kind"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? obj["kind"]!.GetValue<string>() : null;
        var resource = ResourceKinds.FindByKind(kind);
        if (resource is null || !Writable.Contains(resource))
            return Recorded(Apply, options, new WriteResult.Invalid($"kind {kind ?? "(missing)"} cannot be written here", [new FieldCause("kind", "must be NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy")]));
        var apiVersion = (obj["apiVersion"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? obj["apiVersion"]!.GetValue<string>() : null;
        if (apiVersion != resource.ApiVersion)
            return Recorded(Apply, options, new WriteResult.Invalid($"{kind} must have apiVersion {resource.ApiVersion}", [new FieldCause("apiVersion", $"must be {resource.ApiVersion}")]));
        if (obj["metadata"] is not JsonObject meta || (meta["name"] as JsonValue)?.GetValueKind() != JsonValueKind.String)
            return Recorded(Apply, options, new WriteResult.Invalid("metadata.name is required", [new FieldCause("metadata.name", "Required value")]));

        var body = (JsonObject)obj.DeepClone();
        var bodyMeta = (JsonObject)body["metadata"]!;
        bodyMeta.Remove("managedFields");
        body.Remove("status");
        var name = bodyMeta["name"]!.GetValue<string>();
        string? ns = null;
        if (resource.Namespaced)
        {
            ns = (bodyMeta["namespace"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? bodyMeta["namespace"]!.GetValue<string>() : "default";
            bodyMeta["namespace"] = ns;
        }

        var uri = resource.ObjectPath(ns, name) + Query(options, includeForce: true);
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        // Server-side apply: PATCH with application/apply-patch+yaml; JSON is valid YAML.
        content.Headers.ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml");
        return Recorded(Apply, options, await SendAsync(HttpMethod.Patch, uri, content, options, resource, ns, name, cancellationToken).ConfigureAwait(false));
    }

    public async Task<WriteResult> DeleteAsync(string kind, string? @namespace, string name, WriteOptions options, CancellationToken cancellationToken)
    {
        var resource = ResourceKinds.FindByName(kind);
        if (resource is null || !Writable.Contains(resource))
            return Recorded(Delete, options, new WriteResult.Invalid($"kind {kind} cannot be deleted here", [new FieldCause("kind", "must be a policy kind")]));
        var ns = resource.Namespaced ? (string.IsNullOrEmpty(@namespace) ? "default" : @namespace) : null;
        var uri = resource.ObjectPath(ns, name) + Query(options, includeForce: false);
        return Recorded(Delete, options, await SendAsync(HttpMethod.Delete, uri, null, options, resource, ns, name, cancellationToken).ConfigureAwait(false));
    }

    private const string Apply = "apply", Delete = "delete";

    private WriteResult Recorded(string action, WriteOptions options, WriteResult result)
    {
        metrics?.Record(action, options.DryRun, result);
        return result;
    }

    private static string Query(WriteOptions options, bool includeForce)
    {
        var parts = new List<string>();
        if (includeForce)
        {
            parts.Add("fieldManager=" + FieldManager);
            if (options.Force) parts.Add("force=true");
        }

        if (options.DryRun) parts.Add("dryRun=All");
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    private async Task<WriteResult> SendAsync(
        HttpMethod method, string uri, HttpContent? content, WriteOptions options, ResourceKind resource, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await provider.Api.SendAsync(method, uri, content, options.As, streaming: false, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                if (method == HttpMethod.Delete) return new WriteResult.Deleted(resource.Kind, ns, name, options.DryRun);
                string? version = null;
                try
                {
                    version = JsonNode.Parse(body)?["metadata"]?["resourceVersion"]?.GetValue<string>();
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                }

                return new WriteResult.Applied(resource.Kind, ns, name, version, options.DryRun);
            }

            return FromStatus(response.StatusCode, KubeApi.TryReadStatus(body), body);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new WriteResult.Error(ex.Message);
        }
    }

    internal static WriteResult FromStatus(HttpStatusCode code, V1Status? status, string body)
    {
        var message = status?.Message ?? (body.Length > 300 ? body[..300] : body);
        var causes = status?.Details?.Causes ?? [];
        return code switch
        {
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest => new WriteResult.Invalid(
                message,
                causes.Select(c => new FieldCause(c.Field ?? "", c.Message ?? c.Reason ?? "")).ToImmutableArray()),
            HttpStatusCode.Conflict => new WriteResult.Conflict(
                message,
                causes.Where(c => c.Reason == "FieldManagerConflict" || c.Field is not null)
                    .Select(c => new FieldConflict(c.Field ?? "", ManagerOf(c.Message), c.Message ?? ""))
                    .ToImmutableArray()),
            HttpStatusCode.NotFound => new WriteResult.NotFound(message),
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => new WriteResult.Forbidden(message),
            _ => new WriteResult.Error(message, (int)code),
        };
    }

    /// <summary>Server-side apply names the other owner as: conflict with "kubectl" using networking.k8s.io/v1.</summary>
    private static string ManagerOf(string? message) =>
        message is not null && ManagerPattern().Match(message) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("conflict with \"([^\"]*)\"")]
    private static partial Regex ManagerPattern();
}
