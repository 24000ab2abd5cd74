using System.Diagnostics;
using k8s;
using System.Text;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

/// <summary>
/// The seed's kubectl walk-through against the sandbox, with the real kubectl (a client nobody here wrote).
/// Skipped, saying so, where kubectl is not installed.
/// </summary>
public sealed class KubectlTests : SandboxTestBase
{
    private string _kubeconfig = "";

    private static readonly string? Kubectl = FindKubectl();

    private static string Manifest(string name) => Path.Combine(AppContext.BaseDirectory, "Manifests", name);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _kubeconfig = Server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"sandbox-kubectl-{Guid.NewGuid():N}.kubeconfig"));
    }

    public override async ValueTask DisposeAsync()
    {
        File.Delete(_kubeconfig);
        await base.DisposeAsync();
    }

    private static string? FindKubectl()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static void RequireKubectl() =>
        Assert.SkipWhen(Kubectl is null, "kubectl is not on PATH (the test script installs Debian's kubernetes-client when it is missing)");

    private ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Kubectl!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(_kubeconfig);
        foreach (var a in args) psi.ArgumentList.Add(a);
        // No cache shared with other runs: discovery must come from this server.
        psi.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetTempPath(), $"kubectl-cache-{Guid.NewGuid():N}");
        return psi;
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var p = Process.Start(Start(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task ApplyServerSide_AllowRedis_CreatesThePolicyOwnedByKubectl()
    {
        RequireKubectl();

        var (code, output, error) = await Run("apply", "--server-side", "-f", Manifest("allow-redis.yaml"));

        Assert.True(code == 0, error);
        Assert.Contains("networkpolicy.networking.k8s.io/allow-redis serverside-applied", output, StringComparison.Ordinal);
        var policy = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("allow-redis", "default", cancellationToken: Timeout());
        Assert.Equal("db", policy.Spec.PodSelector.MatchLabels["role"]);
        Assert.Equal("guestbook", policy.Spec.Ingress[0].FromProperty[0].PodSelector.MatchLabels["k8s-app"]);
        var entry = Assert.Single(policy.Metadata.ManagedFields);
        Assert.Equal("kubectl", entry.Manager);
        Assert.Equal("Apply", entry.Operation);
    }

    [Fact]
    public async Task Create_FromFile_CreatesThePodAndSecondCreateFails()
    {
        RequireKubectl();

        var (code, output, error) = await Run("create", "-f", Manifest("busybox-pod.yaml"));
        var (again, _, againError) = await Run("create", "-f", Manifest("busybox-pod.yaml"));

        Assert.True(code == 0, error);
        Assert.Contains("pod/busybox created", output, StringComparison.Ordinal);
        var pod = await Client.CoreV1.ReadNamespacedPodAsync("busybox", "default", cancellationToken: Timeout());
        Assert.Equal("Running", pod.Status.Phase);
        Assert.NotEqual(0, again);
        Assert.Contains("AlreadyExists", againError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ManifestWithTypo_IsRefusedNamingTheField()
    {
        RequireKubectl();

        var (code, _, error) = await Run("create", "-f", Manifest("typo-policy.yaml"));

        Assert.NotEqual(0, code);
        Assert.Contains("unknown field \"spec.podSelctor\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPods_ByLabel_PrintsTheThreeFrontends()
    {
        RequireKubectl();
        var frontends = (await Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "tier=frontend", cancellationToken: Timeout()))
            .Items.Select(p => p.Metadata.Name).ToList();

        var (code, output, error) = await Run("get", "pods", "-l", "k8s-app=guestbook");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains("READY", lines[0], StringComparison.Ordinal);
        Assert.Contains("STATUS", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, frontends.Count);
        foreach (var name in frontends)
            Assert.Contains(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal));
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task GetNetworkPolicyWatch_ReceivesAChange()
    {
        RequireKubectl();
        using var p = Process.Start(Start("get", "networkpolicy", "-A", "-w"))!;
        try
        {
            var lines = new List<string>();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            async Task<string> LineContaining(string text)
            {
                while (true)
                {
                    var line = await p.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("kubectl ended: " + string.Join("\n", lines) + await p.StandardError.ReadToEndAsync(cts.Token));
                    lines.Add(line);
                    if (line.Contains(text, StringComparison.Ordinal)) return line;
                }
            }
            // The initial list: the shop's policies.
            await LineContaining("default-deny-all");
            await Server.Store.WhenWatchingAsync(1, cts.Token);

            await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("allow-redis"), "default", cancellationToken: Timeout());

            var added = await LineContaining("allow-redis");
            Assert.StartsWith("default", added, StringComparison.Ordinal);
            Assert.Contains("role=db", added, StringComparison.Ordinal);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task DeleteNetworkPolicy_RemovesAllowRedis()
    {
        RequireKubectl();
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("allow-redis"), "default", cancellationToken: Timeout());

        var (code, output, error) = await Run("delete", "networkpolicy", "allow-redis");

        Assert.True(code == 0, error);
        Assert.Contains("networkpolicy.networking.k8s.io \"allow-redis\" deleted", output, StringComparison.Ordinal);
        Assert.Empty((await Client.NetworkingV1.ListNamespacedNetworkPolicyAsync("default", cancellationToken: Timeout())).Items);
    }

    [Fact]
    public async Task ApplyServerSide_ConflictingChange_IsRefusedUntilForced()
    {
        RequireKubectl();
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("allow-redis", role: "cache")), "allow-redis", "default",
            fieldManager: "dashboard", cancellationToken: Timeout());

        var (code, _, error) = await Run("apply", "--server-side", "-f", Manifest("allow-redis.yaml"));
        var (forced, _, forcedError) = await Run("apply", "--server-side", "--force-conflicts", "-f", Manifest("allow-redis.yaml"));

        Assert.NotEqual(0, code);
        Assert.Contains("conflict with \"dashboard\"", error, StringComparison.Ordinal);
        Assert.Contains(".spec.podSelector", error, StringComparison.Ordinal);
        Assert.True(forced == 0, forcedError);
        var policy = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("allow-redis", "default", cancellationToken: Timeout());
        Assert.Equal("db", policy.Spec.PodSelector.MatchLabels["role"]);
    }

    [Fact]
    public async Task GetAll_CustomKinds_AreServed()
    {
        RequireKubectl();

        var (code, output, error) = await Run("get", "adminnetworkpolicies");

        Assert.True(code == 0, error);
        Assert.Contains("allow-monitoring-scrape", output, StringComparison.Ordinal);
    }
}
