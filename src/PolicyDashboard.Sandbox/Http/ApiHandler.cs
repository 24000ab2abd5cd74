using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyDashboard.Sandbox.Authorization;
using PolicyDashboard.Sandbox.Kinds;
using PolicyDashboard.Sandbox.Store;
using PolicyDashboard.Sandbox.Writes;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>What a resource URL names: a kind, maybe a namespace, maybe an object, maybe a subresource.</summary>
internal sealed record ResourceRequest(ResourceKind Kind, string? Namespace, string? Name, string? Subresource);

/// <summary>
/// Routes the Kubernetes REST paths (/api/v1/…, /apis/&lt;group&gt;/&lt;version&gt;/…) to list, watch, get and the
/// writes, and answers every failure with a Status object. Resource requests are authorized first (as the
/// impersonated user when the request names one) and every write is recorded in the audit list.
/// </summary>
internal sealed partial class ApiHandler(ObjectStore store, ObjectWriter writer, SandboxRuntime runtime, SandboxAuthorizer authorizer)
{
    private const string AuditItem = "sandbox.audit";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>gnostic openapi_v2.Document { swagger: "2.0", info: { title: "Kubernetes", version: "v1.32.0" }, paths: {} }.</summary>
    private static readonly byte[] OpenApiV2 =
    [
        0x0A, 0x03, (byte)'2', (byte)'.', (byte)'0',
        0x12, 0x15,
        0x0A, 0x0A, .. "Kubernetes"u8.ToArray(),
        0x12, 0x07, .. "v1.32.0"u8.ToArray(),
        0x42, 0x00,
    ];

    public async Task HandleAsync(HttpContext ctx)
    {
        try
        {
            await HandleCoreAsync(ctx);
        }
        finally
        {
            if (ctx.Items[AuditItem] is SandboxAuditEntry pending)
                runtime.RecordAudit(pending with { Time = runtime.Clock.GetUtcNow(), Code = ctx.Response.StatusCode });
        }
    }

    private async Task HandleCoreAsync(HttpContext ctx)
    {
        try
        {
            await RouteAsync(ctx);
        }
        catch (ApiError e)
        {
            if (!ctx.Response.HasStarted) await WriteJsonAsync(ctx, e.Code, e.ToStatus());
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            // A field of the wrong JSON type (a number where a string belongs, say) is a decoding error.
            if (!ctx.Response.HasStarted) await WriteJsonAsync(ctx, 400, ApiError.BadRequest($"the request could not be decoded: {e.Message}").ToStatus());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (!ctx.Response.HasStarted) await WriteJsonAsync(ctx, 500, new ApiError(500, "InternalError", $"Internal error occurred: {e.Message}").ToStatus());
        }
    }

    private async Task RouteAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var seg = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var accept = ctx.Request.Headers.Accept.ToString();
        var aggregated = accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        switch (seg)
        {
            case []:
                await WriteJsonAsync(ctx, 200, new JsonObject { ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version") });
                return;
            case ["version"]:
                await WriteJsonAsync(ctx, 200, Discovery.Version());
                return;
            case ["healthz"] or ["livez"] or ["readyz"]:
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync("ok");
                return;
            case ["api"]:
                if (aggregated) await WriteAggregatedAsync(ctx, core: true, accept);
                else await WriteJsonAsync(ctx, 200, Discovery.CoreVersions());
                return;
            case ["apis"]:
                if (aggregated) await WriteAggregatedAsync(ctx, core: false, accept);
                else await WriteJsonAsync(ctx, 200, Discovery.GroupList());
                return;
            case ["openapi", "v2"]:
                // kubectl downloads the OpenAPI v2 document (protobuf only) before it validates a manifest. An empty
                // document (no definitions, no paths) makes it skip client-side schema checks and send the object.
                ctx.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
                await ctx.Response.Body.WriteAsync(OpenApiV2, ctx.RequestAborted);
                return;
            case ["api", "v1"]:
                await WriteJsonAsync(ctx, 200, Discovery.ResourceList("", "v1")!);
                return;
            case ["apis", var g]:
                await WriteJsonAsync(ctx, 200, Discovery.Group(g) ?? throw ApiError.PathNotFound());
                return;
            case ["apis", var g, var v]:
                await WriteJsonAsync(ctx, 200, Discovery.ResourceList(g, v) ?? throw ApiError.PathNotFound());
                return;
        }
        ResourceRequest? req = seg switch
        {
            ["api", "v1", .. var rest] => Resolve("", "v1", rest),
            ["apis", var g, var v, .. var rest] => Resolve(g, v, rest),
            _ => null,
        };
        if (req is null) throw ApiError.PathNotFound();
        var user = RequestUser.From(ctx.Request);
        var attributes = RequestAttributes.Of(ctx.Request, req);
        if (attributes.IsWrite)
            ctx.Items[AuditItem] = new SandboxAuditEntry(default, user.Name, user.Groups, user.Impersonated, attributes.Verb, attributes.ApiGroup,
                attributes.QualifiedResource, req.Namespace, req.Name, ctx.Request.Query["dryRun"].Any(v => v == "All"), 0, CredentialHeaders(ctx.Request));
        authorizer.Authorize(user, attributes, req.Kind);
        await DispatchAsync(ctx, req, user, attributes);
    }

    private static string[] CredentialHeaders(HttpRequest request) =>
        request.Headers.Keys
            .Where(k => k.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase))
            .Select(k => k.ToLowerInvariant())
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static ResourceRequest? Resolve(string group, string version, string[] rest)
    {
        string? ns = null;
        if (rest is ["namespaces", var n, var plural, ..] && plural is not ("status" or "finalize"))
        {
            ns = n;
            rest = rest[2..];
        }
        if (rest.Length is 0 or > 3) return null;
        var kind = ResourceKinds.Find(group, version, rest[0]);
        if (kind is null) return null;
        if (ns is not null && !kind.Namespaced) return null;
        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        if (sub is not null && sub != "status") return null;
        if (kind.Namespaced && ns is null && name is not null) return null;
        return new ResourceRequest(kind, ns, name, sub);
    }

    private async Task DispatchAsync(HttpContext ctx, ResourceRequest req, RequestUser user, RequestAttributes attributes)
    {
        var q = ctx.Request.Query;
        var method = ctx.Request.Method;
        if (req.Kind.ReviewOnly)
        {
            if (method != "POST" || req.Name is not null) throw ApiError.MethodNotAllowed();
            var review = (ctx.Request.ContentType ?? "").StartsWith(AccessReviewProtobuf.ContentType, StringComparison.Ordinal)
                ? AccessReviewProtobuf.Read(await BytesAsync(ctx))
                : YamlJson.ParseObject(await BodyAsync(ctx));
            await WriteJsonAsync(ctx, 201, AccessReview.Answer(req.Kind, review, user, authorizer));
            return;
        }
        if (method == "GET")
        {
            if (req.Name is null)
            {
                if (q["watch"] is var w && (w == "1" || w == "true")) await WatchAsync(ctx, req);
                else await ListAsync(ctx, req);
            }
            else
            {
                var obj = store.Get(req.Kind, req.Namespace ?? "", req.Name) ?? throw ApiError.NotFound(req.Kind, req.Name);
                await WriteObjectAsync(ctx, req.Kind, 200, obj);
            }
            return;
        }

        var opts = Options(ctx);
        JsonObject result;
        var code = 200;
        switch (method)
        {
            case "POST" when req.Name is null:
                if (req.Kind.Namespaced && req.Namespace is null) throw ApiError.MethodNotAllowed();
                result = writer.Create(req.Kind, req.Namespace, YamlJson.ParseObject(await BodyAsync(ctx)), opts);
                code = 201;
                break;
            case "PUT" when req.Name is not null:
                result = writer.Update(req.Kind, req.Namespace ?? "", req.Name, YamlJson.ParseObject(await BodyAsync(ctx)), opts, req.Subresource == "status");
                break;
            case "PATCH" when req.Name is not null:
            {
                var contentType = ctx.Request.ContentType ?? "";
                var existed = store.Get(req.Kind, req.Namespace ?? "", req.Name) is not null;
                // A patch that creates the object (server-side apply of a new object) also needs create: the API
                // server's patch handler authorizes the create with the same attributes and verb "create".
                if (!existed) authorizer.Authorize(user, attributes with { Verb = "create" }, req.Kind);
                result = writer.Patch(req.Kind, req.Namespace ?? "", req.Name, contentType, await BodyAsync(ctx), opts, req.Subresource == "status");
                if (!existed) code = 201;
                break;
            }
            case "DELETE" when req.Name is not null:
            {
                var text = await BodyAsync(ctx);
                var options = string.IsNullOrWhiteSpace(text) ? null : YamlJson.ParseObject(text);
                var gone = writer.Delete(req.Kind, req.Namespace ?? "", req.Name, opts, options);
                if (!opts.DryRun) runtime.CountWrite();
                // Pods and services answer a delete with the deleted object (their registries set
                // ReturnDeletedObject, and the OpenAPI types say so); every other kind with a Status.
                if (req.Kind == ResourceKinds.Pod || req.Kind == ResourceKinds.Service) await WriteObjectAsync(ctx, req.Kind, 200, gone);
                else await WriteJsonAsync(ctx, 200, DeleteStatus(req.Kind, gone));
                return;
            }
            case "DELETE":
                await DeleteCollectionAsync(ctx, req, opts);
                return;
            default:
                throw ApiError.MethodNotAllowed();
        }
        if (!opts.DryRun) runtime.CountWrite();
        await WriteObjectAsync(ctx, req.Kind, code, result);
    }

    private async Task DeleteCollectionAsync(HttpContext ctx, ResourceRequest req, WriteOptions opts)
    {
        var filter = ObjectFilter.Parse(ctx.Request.Query["labelSelector"], ctx.Request.Query["fieldSelector"]);
        var items = new JsonArray();
        var (list, _) = store.List(req.Kind, req.Namespace);
        foreach (var o in list.Where(filter.Matches))
        {
            var gone = writer.Delete(req.Kind, ObjectStore.NamespaceOf(o), ObjectStore.NameOf(o), opts, null);
            items.Add(gone.DeepClone());
        }
        if (!opts.DryRun && items.Count > 0) runtime.CountWrite();
        await WriteJsonAsync(ctx, 200, new JsonObject
        {
            ["kind"] = req.Kind.ListKind,
            ["apiVersion"] = req.Kind.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = ObjectStore.FormatRv(store.CurrentRv) },
            ["items"] = items,
        });
    }

    private static JsonObject DeleteStatus(ResourceKind kind, JsonObject gone)
    {
        var details = new JsonObject { ["name"] = ObjectStore.NameOf(gone) };
        if (kind.Group.Length > 0) details["group"] = kind.Group;
        details["kind"] = kind.Plural;
        details["uid"] = gone["metadata"]?["uid"]?.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static WriteOptions Options(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var dryRun = q["dryRun"].Any(v => v == "All");
        if (!dryRun && q["dryRun"].Count > 0 && q["dryRun"].Any(v => !string.IsNullOrEmpty(v)))
            throw ApiError.BadRequest($"Invalid dryRun value: {q["dryRun"]}; only \"All\" is supported");
        var manager = q["fieldManager"].ToString();
        var isApply = (ctx.Request.ContentType ?? "").StartsWith("application/apply-patch", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(manager))
        {
            // Without fieldManager the apiserver names the manager after the user agent's program name.
            var ua = ctx.Request.Headers.UserAgent.ToString();
            manager = isApply ? ObjectWriter.DefaultManagerMarker : ua.Length == 0 ? "unknown" : ua.Split('/')[0];
        }
        var force = q["force"] == "true" || q["force"] == "1";
        return new WriteOptions(dryRun, manager, force, Strict: q["fieldValidation"] == "Strict");
    }

    private async Task ListAsync(HttpContext ctx, ResourceRequest req)
    {
        var q = ctx.Request.Query;
        var filter = ObjectFilter.Parse(q["labelSelector"], q["fieldSelector"]);
        var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 0;
        (string Ns, string Name)? after = null;
        long? tokenRv = null;
        if (q["continue"].ToString() is { Length: > 0 } token)
        {
            var (rv, ns, name) = ContinueToken.Decode(token);
            if (rv < store.FloorRv)
                throw ApiError.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            after = (ns, name);
            tokenRv = rv;
        }
        var (all, currentRv) = store.List(req.Kind, req.Namespace, after);
        var listRv = tokenRv ?? currentRv;
        var matching = filter.IsEmpty ? all : all.Where(filter.Matches).ToList();
        string? next = null;
        long? remaining = null;
        var page = matching;
        if (limit > 0 && matching.Count > limit)
        {
            page = matching.GetRange(0, limit);
            var last = page[^1];
            next = ContinueToken.Encode(listRv, ObjectStore.NamespaceOf(last), ObjectStore.NameOf(last));
            remaining = matching.Count - limit;
        }
        var rvText = ObjectStore.FormatRv(listRv);
        if (Tables.Wanted(ctx.Request.Headers.Accept))
        {
            var table = Tables.Build(req.Kind, page, rvText, next, q["includeObject"].ToString(), runtime.Clock.GetUtcNow());
            await WriteJsonAsync(ctx, 200, table, "application/json;as=Table;v=v1;g=meta.k8s.io");
            return;
        }
        await WriteListAsync(ctx, req.Kind, page, rvText, next, remaining);
    }

    private static async Task WriteListAsync(HttpContext ctx, ResourceKind kind, List<JsonObject> items, string rv, string? next, long? remaining)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        var body = ctx.Response.BodyWriter;
        await using (var w = new Utf8JsonWriter(body, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("kind", kind.ListKind);
            w.WriteString("apiVersion", kind.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", rv);
            if (next is not null) w.WriteString("continue", next);
            if (remaining is not null) w.WriteNumber("remainingItemCount", remaining.Value);
            w.WriteEndObject();
            w.WriteStartArray("items");
            var n = 0;
            foreach (var item in items)
            {
                item.WriteTo(w);
                if (++n % 256 == 0)
                {
                    await w.FlushAsync(ctx.RequestAborted);
                    await body.FlushAsync(ctx.RequestAborted);
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        await body.FlushAsync(ctx.RequestAborted);
    }

    private async Task WriteObjectAsync(HttpContext ctx, ResourceKind kind, int code, JsonObject obj)
    {
        if (Tables.Wanted(ctx.Request.Headers.Accept))
        {
            var rv = obj["metadata"]?["resourceVersion"]?.GetValue<string>() ?? ObjectStore.FormatRv(store.CurrentRv);
            await WriteJsonAsync(ctx, code, Tables.Build(kind, [obj], rv, null, ctx.Request.Query["includeObject"].ToString(), runtime.Clock.GetUtcNow()),
                "application/json;as=Table;v=v1;g=meta.k8s.io");
            return;
        }
        await WriteJsonAsync(ctx, code, obj);
    }

    private static async Task WriteAggregatedAsync(HttpContext ctx, bool core, string accept)
    {
        var version = accept.Contains("v=v2;", StringComparison.Ordinal) || accept.EndsWith("v=v2", StringComparison.Ordinal) ? "v2" : "v2beta1";
        await WriteJsonAsync(ctx, 200, Discovery.Aggregated(core, $"apidiscovery.k8s.io/{version}"),
            $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList");
    }

    public static async Task WriteJsonAsync(HttpContext ctx, int code, JsonNode body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = contentType;
        await using (var w = new Utf8JsonWriter(ctx.Response.BodyWriter, WriterOptions))
            body.WriteTo(w);
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    private static async Task<byte[]> BytesAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task<string> BodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ctx.RequestAborted);
    }
}
