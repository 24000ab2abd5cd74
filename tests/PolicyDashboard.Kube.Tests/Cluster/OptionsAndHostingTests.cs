using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Sandbox;

namespace PolicyDashboard.Kube.Tests.Cluster;

public sealed class OptionsAndHostingTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndDemo()
    {
        var options = new KubernetesOptions();

        Assert.True(new KubernetesOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(KubernetesMode.Demo, options.Mode);
        Assert.Equal(TimeSpan.FromMinutes(2), options.WatchdogInterval);
        Assert.Equal(500, options.PageSize);
    }

    [Fact]
    public void Validate_BadValues_NameTheirKeys()
    {
        var result = new KubernetesOptionsValidator().Validate(null, new KubernetesOptions
        {
            Mode = KubernetesMode.Kubeconfig,
            KubeconfigPath = "/nonexistent/kubeconfig",
            PageSize = 0,
            WatchdogInterval = TimeSpan.Zero,
            BackoffMin = TimeSpan.FromSeconds(10),
            BackoffMax = TimeSpan.FromSeconds(1),
        });

        Assert.True(result.Failed);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Kubernetes:PageSize", failures, StringComparison.Ordinal);
        Assert.Contains("Kubernetes:WatchdogInterval", failures, StringComparison.Ordinal);
        Assert.Contains("Kubernetes:BackoffMax", failures, StringComparison.Ordinal);
        Assert.Contains("Kubernetes:KubeconfigPath", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DemoWithoutServerUrl_ExplainsWhatIsMissing()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => KubernetesClientFactory.Create(new KubernetesOptions()));

        Assert.Contains("Demo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_KubeconfigMode_TalksToTheClusterTheFileNames()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "empty" }, TestContext.Current.CancellationToken);
        var path = server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"kube-{Guid.NewGuid():N}", "config"));
        try
        {
            using var client = KubernetesClientFactory.Create(new KubernetesOptions { Mode = KubernetesMode.Kubeconfig, KubeconfigPath = path });

            Assert.Equal(server.BaseAddress, client.BaseUri);
            var namespaces = await k8s.CoreV1OperationsExtensions.ListNamespaceAsync(client.CoreV1, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public async Task AddClusterSnapshot_HostedInDemoMode_FollowsTheServerAndReportsLive()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "empty" }, TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Demo",
            ["Kubernetes:WatchdogInterval"] = "00:00:30",
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddClusterSnapshot(configuration, _ => server.BaseAddress);
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var source = host.Services.GetRequiredService<IClusterSnapshotSource>();
            await Await.UntilAsync(source, (s, status) => status.State == ConnectionState.Live && s.Namespaces.ContainsKey(new ObjectKey("", "default")),
                TimeSpan.FromSeconds(20), "hosted store goes Live with the server's namespaces");

            Assert.Equal(TimeSpan.FromSeconds(30), host.Services.GetRequiredService<IOptions<KubernetesOptions>>().Value.WatchdogInterval);
            Assert.NotNull(host.Services.GetRequiredService<IObjectReader>());
            Assert.NotNull(host.Services.GetRequiredService<PolicyDashboard.Kube.Writes.IPolicyWriter>());
        }
        finally
        {
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task AddClusterSnapshot_InvalidOptions_FailStartNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kubernetes:PageSize"] = "0" }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddClusterSnapshot(configuration, _ => new Uri("http://127.0.0.1:1/"));
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Kubernetes:PageSize", ex.Message, StringComparison.Ordinal);
    }
}
