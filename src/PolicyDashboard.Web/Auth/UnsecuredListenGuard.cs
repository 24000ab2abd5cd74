using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace PolicyDashboard.Web.Auth;

/// <summary>
/// In Unsecured mode anyone who reaches the port is an admin, so the dashboard must only listen on loopback unless
/// Auth:AllowUnsecuredOnNonLoopback says otherwise. The listening addresses are only known once the server has bound
/// them (ports from code, configuration or the environment), so this checks right after start and stops the host;
/// <see cref="RejectNonLoopback"/> refuses requests that arrive on another address in the moment before.
/// </summary>
internal sealed partial class UnsecuredListenGuard(
    IServer server, IOptions<AuthOptions> options, ILogger<UnsecuredListenGuard> logger) : IHostedLifecycleService
{
    public const string SwitchKey = "Auth:AllowUnsecuredOnNonLoopback";

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (auth.EffectiveMode != AuthMode.Unsecured) return Task.CompletedTask;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToArray();
        if (exposed.Length == 0)
        {
            LogUnsecuredLoopback(string.Join(", ", addresses));
            return Task.CompletedTask;
        }
        if (!auth.AllowUnsecuredOnNonLoopback)
            throw new InvalidOperationException(
                $"Auth:Mode is Unsecured (everyone is an admin) but the dashboard listens on {string.Join(", ", exposed)}, " +
                $"which is not loopback. Set Auth:Mode=OpenIdConnect, listen on 127.0.0.1 only, or set {SwitchKey}=true " +
                "if you really mean to give every client that can reach this port admin access to the cluster.");
        LogUnsecuredExposed(string.Join(", ", exposed), SwitchKey);
        return Task.CompletedTask;
    }

    /// <summary>Whether a listening address (as Kestrel reports it) accepts only local connections.</summary>
    public static bool IsLoopback(string address)
    {
        var binding = BindingAddress.Parse(address);
        if (binding.IsUnixPipe || binding.IsNamedPipe) return true;
        var host = binding.Host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Middleware check: in Unsecured mode without the switch, a connection to a non-loopback address gets 403.</summary>
    public static bool RejectNonLoopback(HttpContext context, AuthOptions auth) =>
        auth.EffectiveMode == AuthMode.Unsecured
        && !auth.AllowUnsecuredOnNonLoopback
        && context.Connection.LocalIpAddress is { } local
        && !IPAddress.IsLoopback(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6131, Level = LogLevel.Warning,
        Message = "Auth:Mode is Unsecured: nobody signs in and every visitor is a local admin (listening on {Addresses} only)")]
    private partial void LogUnsecuredLoopback(string addresses);

    [LoggerMessage(EventId = 6132, Level = LogLevel.Critical,
        Message = "Auth:Mode is Unsecured and the dashboard listens on {Addresses} because {Switch} is true: anyone who reaches it is a cluster admin")]
    private partial void LogUnsecuredExposed(string addresses, string @switch);
}
