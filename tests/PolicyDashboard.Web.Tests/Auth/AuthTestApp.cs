using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// The real web app on a real port (Kestrel) with the given settings, in Demo mode unless told otherwise. Unlike the
/// browser tests' DashboardApp it can listen on another address, and it stops the host when start-up fails, so a
/// test can assert on the start-up error without leaving a server behind.
/// </summary>
public sealed class AuthTestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public AuthTestApp(IDictionary<string, string?>? settings = null, IPAddress? listenAddress = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Demo",
            ["Demo:Scenario"] = "demo",
            ["DataProtection:KeyDirectory"] = Path.Combine(Path.GetTempPath(), "policy-dashboard-tests", "keys"),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) _settings[k] = v;
        UseKestrel(o => o.Listen(listenAddress ?? IPAddress.Loopback, 0));
        try
        {
            StartServer();
        }
        catch (Exception startFailure)
        {
            try
            {
                Dispose();
            }
            catch (Exception disposeFailure)
            {
                throw new AggregateException(startFailure, disposeFailure);
            }
            throw;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    public Uri BaseAddress
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }
}
