using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PolicyDashboard.Sandbox.Store;

namespace PolicyDashboard.Sandbox.Http;

/// <summary>
/// Watch (<c>?watch=1</c>): newline-delimited JSON events, replayed from a resourceVersion or starting with the
/// current objects, with bookmarks, timeoutSeconds and the 410 ERROR event of the apiserver's watch cache.
/// </summary>
internal sealed partial class ApiHandler
{
    private async Task WatchAsync(HttpContext ctx, ResourceRequest req)
    {
        var q = ctx.Request.Query;
        var filter = ObjectFilter.Parse(q["labelSelector"], q["fieldSelector"]);
        var rvText = q["resourceVersion"].ToString();
        long? from = rvText is "" or "0" ? null : ContinueToken.ParseRv(rvText);
        var bookmarks = q["allowWatchBookmarks"] == "true" || q["allowWatchBookmarks"] == "1";
        var timeout = int.TryParse(q["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0 ? TimeSpan.FromSeconds(t) : (TimeSpan?)null;
        var asTable = Tables.Wanted(ctx.Request.Headers.Accept);
        var includeObject = q["includeObject"].ToString();

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = asTable ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
        Watcher watcher;
        try
        {
            watcher = store.Watch(req.Kind, req.Namespace, from);
        }
        catch (ApiError e) when (e.Code == 410)
        {
            // The apiserver answers a too-old resourceVersion on a watch with 200 and one ERROR event.
            await WriteEventAsync(ctx, "ERROR", e.ToStatus());
            return;
        }
        using var _ = watcher;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, watcher.Ended, runtime.Stopping);
        using var timedOut = CancellationTokenSource.CreateLinkedTokenSource(ended.Token);
        // timeoutSeconds ends the watch, except a stalled one: a hung connection does not end by itself.
        using var timeoutTimer = timeout is { } span
            ? runtime.Clock.CreateTimer(_ => EndUnlessStalled(watcher, timedOut), null, span, TimeSpan.FromMilliseconds(250))
            : null;
        Task? bookmarkLoop = null;
        try
        {
            await ctx.Response.StartAsync(ended.Token);
            await ctx.Response.BodyWriter.FlushAsync(ended.Token);
            if (bookmarks) bookmarkLoop = BookmarkLoopAsync(watcher, timedOut.Token);
            var firstTable = true;
            while (await watcher.Items.WaitToReadAsync(timedOut.Token))
            {
                while (watcher.Items.TryRead(out var item))
                {
                    // A stalled watch holds its connection open and sends nothing, ignoring its timeout too.
                    await watcher.WhileStalledAsync(ended.Token);
                    timedOut.Token.ThrowIfCancellationRequested();
                    if (item.Event is null)
                    {
                        if (!bookmarks) continue;
                        await WriteEventAsync(ctx, "BOOKMARK", new JsonObject
                        {
                            ["kind"] = req.Kind.Kind,
                            ["apiVersion"] = req.Kind.ApiVersion,
                            ["metadata"] = new JsonObject { ["resourceVersion"] = ObjectStore.FormatRv(item.BookmarkRv) },
                        });
                        continue;
                    }
                    var (type, obj) = Visible(item.Event, filter);
                    if (type is null) continue;
                    JsonNode payload = asTable
                        ? Tables.Build(req.Kind, [obj!], obj!["metadata"]!["resourceVersion"]!.GetValue<string>(), null, includeObject, runtime.Clock.GetUtcNow(), withColumns: firstTable)
                        : obj!;
                    firstTable = false;
                    await WriteEventAsync(ctx, type, payload);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout, fault hook or client gone: the watch ends as the apiserver ends it, by closing the stream.
        }
        finally
        {
            store.Unwatch(watcher);
            if (runtime.Aborting) ctx.Abort();
            if (bookmarkLoop is not null) await bookmarkLoop.ConfigureAwait(false);
        }
    }

    private static void EndUnlessStalled(Watcher watcher, CancellationTokenSource timedOut)
    {
        if (watcher.IsStalled) return;
        try { timedOut.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>
    /// What a selector-filtered watch shows for an event: an object entering the selection is ADDED, one leaving
    /// it is DELETED, as the apiserver's watch cache filter turns modifications across the boundary.
    /// </summary>
    private static (string? Type, JsonObject? Obj) Visible(StoredEvent e, ObjectFilter filter)
    {
        if (filter.IsEmpty) return (StoredEvent.TypeName(e.Type), e.Object);
        var now = filter.Matches(e.Object);
        if (e.Type != EventType.Modified) return now ? (StoredEvent.TypeName(e.Type), e.Object) : (null, null);
        var before = e.Old is not null && filter.Matches(e.Old);
        return (before, now) switch
        {
            (true, true) => ("MODIFIED", e.Object),
            (false, true) => ("ADDED", e.Object),
            (true, false) => ("DELETED", e.Object),
            _ => (null, null),
        };
    }

    private async Task BookmarkLoopAsync(Watcher watcher, CancellationToken ct)
    {
        try
        {
            using var timer = new PeriodicTimer(runtime.BookmarkInterval, runtime.Clock);
            while (await timer.WaitForNextTickAsync(ct)) store.Bookmark(watcher);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteEventAsync(HttpContext ctx, string type, JsonNode obj)
    {
        var body = ctx.Response.BodyWriter;
        await using (var w = new Utf8JsonWriter(body, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WritePropertyName("object");
            obj.WriteTo(w);
            w.WriteEndObject();
        }
        body.Write("\n"u8);
        await body.FlushAsync(ctx.RequestAborted);
    }
}
