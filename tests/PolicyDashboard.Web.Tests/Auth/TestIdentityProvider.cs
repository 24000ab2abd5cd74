using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// The real OpenID Connect provider in tests/oidc-provider (npm oidc-provider), run as a child process on a free
/// loopback port. Ready once it has printed its "ready" line and serves its discovery document; killed on dispose.
/// Users: admin (cluster-admins), auditor (auditors), nobody (no groups); any password.
/// </summary>
public sealed class TestIdentityProvider : IAsyncLifetime
{
    public const string ClientId = "policy-dashboard";
    public const string ClientSecret = "test-client-secret";
    public const string AdminGroup = "cluster-admins";
    public const string AuditorGroup = "auditors";

    private Process? _process;
    private readonly StringBuilder _output = new();

    public Uri Issuer { get; private set; } = null!;

    /// <summary>Settings for the dashboard to sign in against this IdP.</summary>
    public Dictionary<string, string?> DashboardSettings() => new()
    {
        ["Auth:Mode"] = "OpenIdConnect",
        ["Auth:OpenIdConnect:Authority"] = Issuer.ToString().TrimEnd('/'),
        ["Auth:OpenIdConnect:ClientId"] = ClientId,
        ["Auth:OpenIdConnect:ClientSecret"] = ClientSecret,
        ["Auth:OpenIdConnect:Scopes:0"] = "openid",
        ["Auth:OpenIdConnect:Scopes:1"] = "profile",
        ["Auth:OpenIdConnect:Scopes:2"] = "groups",
        ["Auth:OpenIdConnect:Scopes:3"] = "offline_access",
        ["Auth:AdminGroups:0"] = AdminGroup,
        ["Auth:AuditorGroups:0"] = AuditorGroup,
    };

    public async ValueTask InitializeAsync()
    {
        var directory = FindProviderDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
            throw new InvalidOperationException($"{directory}/node_modules is missing: run ./test.sh (it runs npm ci there).");
        var port = FreeLoopbackPort();
        Issuer = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("node", ["server.js", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                                  "--client-id", ClientId, "--client-secret", ClientSecret])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true, // the IdP exits when this pipe closes, even if the test run is killed
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (e.Data.StartsWith("ready ", StringComparison.Ordinal)) ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The test IdP exited early:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var http = new HttpClient();
        var discovery = await http.GetStringAsync(new Uri(Issuer, "/.well-known/openid-configuration"));
        if (!discovery.Contains($"\"issuer\":\"{Issuer.ToString().TrimEnd('/')}\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"Unexpected discovery document: {discovery}");
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Replaces a user's groups at the IdP (a test-only endpoint of this IdP).</summary>
    public async Task SetGroupsAsync(string user, params string[] groups)
    {
        using var http = new HttpClient();
        var body = new StringContent(System.Text.Json.JsonSerializer.Serialize(groups), Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(Issuer, $"/_test/accounts/{user}/groups"), body);
        response.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindProviderDirectory()
    {
        // Builds may go to an artifacts folder outside the repository: start from this source file's location.
        foreach (var start in new[] { Path.GetDirectoryName(SourceFile()), AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "oidc-provider");
                if (File.Exists(Path.Combine(candidate, "server.js"))) return candidate;
            }
        }
        throw new InvalidOperationException("tests/oidc-provider/server.js not found above " + SourceFile());
    }

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
