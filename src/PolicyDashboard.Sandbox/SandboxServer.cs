using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PolicyDashboard.Sandbox.Authorization;
using PolicyDashboard.Sandbox.Controllers;
using PolicyDashboard.Sandbox.Http;
using PolicyDashboard.Sandbox.Scenarios;
using PolicyDashboard.Sandbox.Store;
using PolicyDashboard.Sandbox.Validation;
using PolicyDashboard.Sandbox.Writes;

namespace PolicyDashboard.Sandbox;

/// <summary>
/// An embedded server that speaks the Kubernetes REST API closely enough for KubernetesClient and kubectl:
/// discovery, list, watch, get, create, update, patch, server-side apply, delete, dry run, Status errors. It listens
/// on loopback only and keeps its state in memory, across <see cref="RestartAsync"/>.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly SandboxRuntime _runtime;
    private readonly ApiHandler _handler;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private int _port;
    private bool _disposed;

    private SandboxServer(SandboxOptions options)
    {
        Options = options;
        _store = new ObjectStore(options.HistoryLimit);
        _runtime = new SandboxRuntime(options.Clock, options.BookmarkInterval);
        ControlPlane = new ControlPlane(_store, options.Clock);
        Writer = new ObjectWriter(_store, ControlPlane, PolicyValidators.Default, options.Clock);
        _handler = new ApiHandler(_store, Writer, _runtime, new SandboxAuthorizer(options.Grants));
        Faults = new SandboxFaults(_store, this);
        _port = options.Port;
    }

    public SandboxOptions Options { get; }

    /// <summary><c>http://127.0.0.1:PORT/</c>, or https with <see cref="SandboxOptions.ServerCertificate"/>.</summary>
    public Uri BaseAddress => new($"{(Options.ServerCertificate is null ? "http" : "https")}://127.0.0.1:{_port}/");

    public SandboxFaults Faults { get; }

    /// <summary>Successful writes through the API since start, dry runs excluded (the scenario's seeding is not counted).</summary>
    public long WriteCount => _runtime.WriteCount;

    /// <summary>
    /// Every write request answered through the API since start (refused ones and dry runs included), oldest first,
    /// with the acting user: how tests see who a write was attributed to. Keeps the latest 10,000.
    /// </summary>
    public IReadOnlyList<SandboxAuditEntry> Audit => _runtime.Audit;

    /// <summary>The current resourceVersion (opaque to clients; exposed for tests that assert "nothing changed").</summary>
    public string ResourceVersion => ObjectStore.FormatRv(_store.CurrentRv);

    internal ObjectStore Store => _store;
    internal ObjectWriter Writer { get; }
    internal ControlPlane ControlPlane { get; }

    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid sandbox options: " + string.Join("; ", problems), nameof(options));
        var server = new SandboxServer(options);
        ScenarioSeeder.Seed(server, options);
        await server.StartListenerAsync(ct);
        return server;
    }

    /// <summary>Drops every open connection and listens again on the same port with the same state.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            await StopListenerAsync(abort: true);
            await StartListenerCoreAsync(ct);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Writes a kubeconfig whose only cluster is this server (no credentials) and returns its path.</summary>
    public string WriteKubeconfig(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(full, Kubeconfig.Render(BaseAddress));
        return full;
    }

    internal void RefuseConnectionsFor(TimeSpan duration)
    {
        _lifecycle.Wait();
        try
        {
            StopListenerAsync(abort: true).GetAwaiter().GetResult();
        }
        catch
        {
            _lifecycle.Release();
            throw;
        }
        _ = ReopenAfterAsync(duration);
    }

    internal async Task RefuseConnectionsForAsync(TimeSpan duration, CancellationToken ct)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            await StopListenerAsync(abort: true);
        }
        catch
        {
            _lifecycle.Release();
            throw;
        }
        await ReopenAfterAsync(duration);
    }

    private async Task ReopenAfterAsync(TimeSpan duration)
    {
        try
        {
            await Task.Delay(duration, _runtime.Clock);
            if (!_disposed) await StartListenerCoreAsync(CancellationToken.None);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StartListenerAsync(CancellationToken ct)
    {
        await _lifecycle.WaitAsync(ct);
        try
        {
            await StartListenerCoreAsync(ct);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StartListenerCoreAsync(CancellationToken ct)
    {
        _runtime.Resume();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        var certificate = Options.ServerCertificate;
        if (certificate is not null) builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, _port, l =>
            {
                if (certificate is not null) l.UseHttps(certificate);
            });
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(3));
        var app = builder.Build();
        var token = Options.RequiredBearerToken;
        if (token is not null)
            app.Use(async (context, next) =>
            {
                if (context.Request.Headers.Authorization.ToString() == "Bearer " + token)
                {
                    await next(context);
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""");
            });
        app.Run(_handler.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _port = new Uri(address).Port;
        _app = app;
    }

    private async Task StopListenerAsync(bool abort)
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is null) return;
        _runtime.BeginStop(abort);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _lifecycle.WaitAsync();
        try
        {
            await StopListenerAsync(abort: true);
        }
        finally
        {
            _lifecycle.Release();
        }
    }
}
