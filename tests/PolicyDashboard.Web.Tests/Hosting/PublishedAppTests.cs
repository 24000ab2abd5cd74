using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Web.Tests.Auth;

namespace PolicyDashboard.Web.Tests.Hosting;

/// <summary>
/// The app as the image runs it: published with the Dockerfile's own <c>dotnet publish</c> step, started with its
/// ENTRYPOINT in its WORKDIR and with exactly its ENV, plus what a pod receives from Kubernetes: the Deployment's
/// environment (its Secret and ConfigMap references filled in here, pointing at the test IdP), KUBERNETES_SERVICE_HOST
/// and KUBERNETES_SERVICE_PORT, and the service-account token and cluster CA. The API server is the embedded one,
/// serving https with a certificate from that CA and refusing requests without the token.
/// </summary>
public sealed class PublishedAppTests : IClassFixture<TestIdentityProvider>
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private readonly TestIdentityProvider _idp;

    public PublishedAppTests(TestIdentityProvider idp) => _idp = idp;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedApp_ImageEnvironmentInPod_IsLiveAtOnceAndReadyOnceInformersSynced()
    {
        var image = ImageDefinition.Load();
        var publishDirectory = await Published.Value.WaitAsync(PublishTimeout, Ct);
        using var pod = PodFiles.Create();
        var apiPort = FreeLoopbackPort();
        var appPort = FreeLoopbackPort();

        var environment = PodEnvironment(image, pod, apiPort, appPort);
        await using var app = AppProcess.Start(publishDirectory, image.Entrypoint, environment);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{appPort}"),
            Timeout = TimeSpan.FromSeconds(10),
        };

        // Live before the API server is even reachable; not ready until every kind has been listed.
        await WaitForStatusAsync(http, "/healthz", HttpStatusCode.OK, app);
        using (var notReady = await http.GetAsync("/readyz", Ct))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

        await using var api = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = apiPort,
            Scenario = "demo",
            ServerCertificate = pod.ServerCertificate,
            RequiredBearerToken = pod.Token,
        }, Ct);
        await InstallStateAsync(pod, apiPort);
        await WaitForStatusAsync(http, "/readyz", HttpStatusCode.OK, app);

        var metrics = await http.GetStringAsync("/metrics", Ct);
        Assert.Contains("policydash_informer_lag_seconds{kind=\"pods\"}", metrics);
        // As a browser asks (API clients get 401 instead): signing in goes to the IdP from the Secret, pages need a session.
        using var login = await GetPageAsync(http, "/auth/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith(_idp.Issuer.ToString().TrimEnd('/'), login.Headers.Location?.ToString());
        using var home = await GetPageAsync(http, "/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.DoesNotContain("Unsecured", app.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The Dockerfile's ENV, then the Deployment's env with its Secret/ConfigMap values, then what the kubelet adds.
    /// Two things differ from a pod, both because this runs on a shared machine rather than in a container: the port
    /// (8080 may be taken; a free one replaces it in the two settings that carry it) and where the service account is
    /// mounted (Kubernetes:ServiceAccountDirectory points at a temporary folder instead of the fixed path).
    /// </summary>
    private Dictionary<string, string> PodEnvironment(ImageDefinition image, PodFiles pod, int apiPort, int appPort)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // The container runtime's part: where dotnet is (the base image's PATH) and a home directory.
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = pod.Directory,
        };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot) environment["DOTNET_ROOT"] = dotnetRoot;
        foreach (var (key, value) in image.Environment) environment[key] = value;

        var references = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["policy-dashboard-oidc/authority"] = _idp.Issuer.ToString().TrimEnd('/'),
            ["policy-dashboard-oidc/client-id"] = TestIdentityProvider.ClientId,
            ["policy-dashboard-oidc/client-secret"] = TestIdentityProvider.ClientSecret,
            ["policy-dashboard-settings/admin-group"] = TestIdentityProvider.AdminGroup,
            ["policy-dashboard-settings/auditor-group"] = TestIdentityProvider.AuditorGroup,
        };
        foreach (var variable in DeploymentContainer().Env ?? [])
        {
            var reference = variable.ValueFrom?.SecretKeyRef is { } s ? $"{s.Name}/{s.Key}"
                : variable.ValueFrom?.ConfigMapKeyRef is { } c ? $"{c.Name}/{c.Key}"
                : null;
            environment[variable.Name] = reference is null ? variable.Value
                : references.TryGetValue(reference, out var v) ? v
                : throw new InvalidOperationException($"the Deployment reads {reference}, which this test does not provide");
        }

        environment["ASPNETCORE_URLS"] = environment["ASPNETCORE_URLS"].Replace(":8080", $":{appPort}", StringComparison.Ordinal);
        if (environment.ContainsKey("ASPNETCORE_HTTP_PORTS")) environment["ASPNETCORE_HTTP_PORTS"] = appPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["KUBERNETES_SERVICE_HOST"] = "127.0.0.1";
        environment["KUBERNETES_SERVICE_PORT"] = apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Kubernetes__ServiceAccountDirectory"] = pod.ServiceAccountDirectory;
        return environment;
    }

    /// <summary>
    /// What <c>kubectl apply -k deploy/base</c> creates for the dashboard's own state: its namespace and the empty
    /// key-ring Secret it reads and updates (in cluster the key ring is kept there by default).
    /// </summary>
    private static async Task InstallStateAsync(PodFiles pod, int apiPort)
    {
        var ca = new X509Certificate2Collection();
        ca.ImportFromPemFile(Path.Combine(pod.ServiceAccountDirectory, "ca.crt"));
        using var admin = new Kubernetes(new KubernetesClientConfiguration { Host = $"https://127.0.0.1:{apiPort}", AccessToken = pod.Token, SslCaCerts = ca });
        await admin.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "policy-dashboard" } }, cancellationToken: Ct);
        await admin.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "policy-dashboard-keys" }, Type = "Opaque" },
            "policy-dashboard", cancellationToken: Ct);
    }

    private static V1Container DeploymentContainer()
    {
        var yaml = File.ReadAllText(Path.Combine(ImageDefinition.RepositoryRoot, "deploy", "base", "deployment.yaml"));
        var deployment = KubernetesYaml.Deserialize<V1Deployment>(yaml, strict: true);
        return Assert.Single(deployment.Spec.Template.Spec.Containers, c => c.Name == "dashboard");
    }

    private static async Task<HttpResponseMessage> GetPageAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await http.SendAsync(request, Ct);
    }

    private static async Task WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected, AppProcess app)
    {
        var deadline = Stopwatch.StartNew();
        var last = "no answer";
        while (deadline.Elapsed < StartTimeout)
        {
            if (app.HasExited) Assert.Fail($"the app exited with {app.ExitCode} before {path} answered {expected}:\n{app.Output}");
            try
            {
                using var response = await http.GetAsync(path, Ct);
                if (response.StatusCode == expected) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(250, Ct);
        }
        Assert.Fail($"{path} did not answer {expected} within {StartTimeout} (last: {last}):\n{app.Output}");
    }

    /// <summary>Publishes once per test run, with the Dockerfile's own arguments, into a temporary folder.</summary>
    private static async Task<string> PublishAsync()
    {
        var image = ImageDefinition.Load();
        var output = Path.Combine(Path.GetTempPath(), "policydash-published-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        var start = new ProcessStartInfo("dotnet", image.PublishArgumentsTo(output))
        {
            WorkingDirectory = ImageDefinition.RepositoryRoot, // the image copies the repository to its WORKDIR
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test host's MSBuild settings must not leak into a separate build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return output;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The files Kubernetes mounts into a pod's service-account folder, and the API server's certificate.</summary>
    private sealed class PodFiles : IDisposable
    {
        private PodFiles(string directory, X509Certificate2 serverCertificate, string token)
        {
            Directory = directory;
            ServerCertificate = serverCertificate;
            Token = token;
        }

        public string Directory { get; }
        public string ServiceAccountDirectory => Path.Combine(Directory, "serviceaccount");
        public X509Certificate2 ServerCertificate { get; }
        public string Token { get; }

        public static PodFiles Create()
        {
            var directory = System.IO.Directory.CreateTempSubdirectory("policydash-pod-").FullName;
            var serviceAccount = System.IO.Directory.CreateDirectory(Path.Combine(directory, "serviceaccount")).FullName;

            var now = DateTimeOffset.UtcNow;
            using var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest("CN=test-cluster-ca", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

            using var serverKey = RSA.Create(2048);
            var serverRequest = new CertificateRequest("CN=kubernetes", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("kubernetes.default.svc");
            serverRequest.CertificateExtensions.Add(names.Build());
            serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var issued = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
            using var withKey = issued.CopyWithPrivateKey(serverKey);
            var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            File.WriteAllText(Path.Combine(serviceAccount, "token"), token);
            File.WriteAllText(Path.Combine(serviceAccount, "ca.crt"), ca.ExportCertificatePem());
            File.WriteAllText(Path.Combine(serviceAccount, "namespace"), "policy-dashboard");
            return new PodFiles(directory, server, token);
        }

        public void Dispose()
        {
            ServerCertificate.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The published app as a child process with exactly the given environment.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private AppProcess(Process process) => _process = process;

        public static AppProcess Start(string directory, IReadOnlyList<string> entrypoint, IDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo(entrypoint[0], entrypoint.Skip(1))
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Clear();
            foreach (var (k, v) in environment) start.Environment[k] = v;
            var app = new AppProcess(new Process { StartInfo = start });
            app._process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
            app._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._output) app._output.AppendLine(e.Data); };
            app._process.Start();
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            return app;
        }

        public bool HasExited => _process.HasExited;
        public int ExitCode => _process.ExitCode;
        public string Output { get { lock (_output) return _output.ToString(); } }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
        }
    }
}
