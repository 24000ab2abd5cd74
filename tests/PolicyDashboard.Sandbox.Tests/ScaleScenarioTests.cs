using System.Net;
using PolicyDashboard.Core.Scenarios;
using PolicyDashboard.Kube.Manifests;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class ScaleScenarioTests
{
    private static readonly ScaleScenarioOptions Small = new() { Namespaces = 12, Pods = 600, Policies = 80, Seed = 7 };

    [Fact]
    public void Generate_SameOptions_SameCluster()
    {
        var a = ModelToKube.ToYaml(ScaleScenario.Generate(Small));
        var b = ModelToKube.ToYaml(ScaleScenario.Generate(Small));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Generate_OtherSeed_OtherCluster()
    {
        var a = ModelToKube.ToYaml(ScaleScenario.Generate(Small));
        var b = ModelToKube.ToYaml(ScaleScenario.Generate(Small with { Seed = 8 }));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Generate_ProducesTheRequestedCounts()
    {
        var cluster = ScaleScenario.Generate(Small);

        // kube-system (CoreDNS) and monitoring (Prometheus) come on top of the requested namespaces and pods.
        Assert.Equal(Small.Namespaces + 2, cluster.Namespaces.Length);
        Assert.Equal(Small.Pods + 3, cluster.Pods.Length);
        Assert.Equal(Small.Policies, cluster.NetworkPolicies.Length);
        Assert.Equal(cluster.Pods.Length, cluster.Pods.Select(p => p.Key).Distinct().Count());
        Assert.Equal(cluster.NetworkPolicies.Length, cluster.NetworkPolicies.Select(p => p.Key).Distinct().Count());
        Assert.Equal(cluster.Pods.Length, cluster.Pods.Select(p => p.Ips[0]).Distinct().Count());
    }

    [Fact]
    public void Generate_ReusesLabelsAcrossNamespaces()
    {
        var cluster = ScaleScenario.Generate(Small);

        var namespacesPerApp = cluster.Pods.Where(p => p.Labels.ContainsKey("app"))
            .GroupBy(p => p.Labels["app"]).Select(g => g.Select(p => p.Namespace).Distinct().Count()).ToList();

        Assert.Contains(namespacesPerApp, n => n >= 3);
        Assert.All(cluster.Pods, p => Assert.NotNull(p.Owner));
    }

    [Fact]
    public void Generate_EveryPolicyPassesValidation()
    {
        var cluster = ScaleScenario.Generate(Small);

        Assert.All(cluster.NetworkPolicies, p => Assert.Empty(PolicyDashboard.Core.Validation.PolicyValidator.Validate(p)));
        Assert.All(cluster.AdminPolicies, p => Assert.Empty(PolicyDashboard.Core.Validation.PolicyValidator.Validate(p)));
    }

    [Fact]
    public async Task Sandbox_ScaleScenario_ServesTheGeneratedCluster()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "scale", Scale = Small }, TestContext.Current.CancellationToken);
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });

        var pods = await k8s.CoreV1OperationsExtensions.ListPodForAllNamespacesAsync(client.CoreV1, cancellationToken: TestContext.Current.CancellationToken);
        var policies = await k8s.NetworkingV1OperationsExtensions.ListNetworkPolicyForAllNamespacesAsync(client.NetworkingV1, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Small.Pods + 3, pods.Items.Count);
        Assert.Equal(Small.Policies, policies.Items.Count);
        Assert.All(pods.Items, p => Assert.False(string.IsNullOrEmpty(p.Status.PodIP)));
        Assert.Equal(0, server.WriteCount);
    }

    [Fact]
    public async Task Sandbox_BadOptions_AreRejectedNamingTheOption()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            SandboxServer.StartAsync(new SandboxOptions { Scenario = "huge" }, TestContext.Current.CancellationToken));

        Assert.Contains("Scenario", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class StandaloneTests
{
    [Theory]
    [InlineData("--scenario demo")]
    [InlineData("--port abc")]
    [InlineData("--port 8080 --bogus")]
    [InlineData("--port 8080 --scenario nope")]
    [InlineData("--port 70000")]
    [InlineData("--port 0 --scenario scale --pods -5")]
    public async Task Main_BadArguments_ExitsWithCode2AndAMessage(string commandLine)
    {
        var error = new StringWriter();
        var before = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, await SandboxProgram.Main(commandLine.Split(' ')));
        }
        finally
        {
            Console.SetError(before);
        }
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_FullCommandLine_ReadsEveryOption()
    {
        Assert.True(SandboxProgram.TryParse(["--port", "9000", "--scenario", "scale", "--namespaces", "5", "--pods=50", "--policies", "7", "--seed", "3", "--kubeconfig", "k.yaml"],
            out var options, out var kubeconfig, out _));

        Assert.Equal(9000, options.Port);
        Assert.Equal("scale", options.Scenario);
        Assert.Equal(new ScaleScenarioOptions { Namespaces = 5, Pods = 50, Policies = 7, Seed = 3 }, options.Scale);
        Assert.Equal("k.yaml", kubeconfig);
    }

    [Fact]
    public void HumanDuration_MatchesKubectlAges()
    {
        Assert.Equal("59s", Http.Tables.HumanDuration(TimeSpan.FromSeconds(59)));
        Assert.Equal("5m3s", Http.Tables.HumanDuration(TimeSpan.FromSeconds(303)));
        Assert.Equal("3h20m", Http.Tables.HumanDuration(TimeSpan.FromMinutes(200)));
        Assert.Equal("3d", Http.Tables.HumanDuration(TimeSpan.FromDays(3)));
    }
}
