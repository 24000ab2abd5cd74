using System.Diagnostics;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Sandbox.Tests;

/// <summary>
/// kubectl's own impersonation (--as / --as-group) against the sandbox's RBAC model: the real client asks with a
/// SelfSubjectAccessReview and gets the answer its flags deserve. Skipped, saying so, where kubectl is missing.
/// </summary>
public sealed class KubectlImpersonationTests : SandboxTestBase
{
    private static readonly string? Kubectl = Environment.GetEnvironmentVariable("PATH")?
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "kubectl"))
        .FirstOrDefault(File.Exists);

    private string _kubeconfig = "";

    protected override SandboxOptions Options => new()
    {
        Scenario = "demo",
        Grants =
        [
            new SandboxGrant { Group = "g", Verbs = ["create", "patch", "delete"], ApiGroups = ["networking.k8s.io"], Resources = ["networkpolicies"], Namespaces = ["x"] },
        ],
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _kubeconfig = Server.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"sandbox-kubectl-as-{Guid.NewGuid():N}.kubeconfig"));
    }

    public override async ValueTask DisposeAsync()
    {
        File.Delete(_kubeconfig);
        await base.DisposeAsync();
    }

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        Assert.SkipWhen(Kubectl is null, "kubectl is not on PATH (the test script installs Debian's kubernetes-client when it is missing)");
        var psi = new ProcessStartInfo(Kubectl!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(_kubeconfig);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetTempPath(), $"kubectl-cache-{Guid.NewGuid():N}");
        using var p = Process.Start(psi)!;
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
    public async Task AuthCanI_AsGroupMemberInGrantedNamespace_SaysYes()
    {
        var (code, output, error) = await RunAsync("--as=alice", "--as-group=g", "auth", "can-i", "create", "networkpolicies", "-n", "x");

        Assert.True(code == 0, $"exit {code}: {output} {error}");
        Assert.Equal("yes", output.Trim());
        var review = Assert.Single(Server.Audit);
        Assert.Equal(("alice", "selfsubjectaccessreviews"), (review.User, review.Resource));
        Assert.Equal(["g", "system:authenticated"], review.Groups);
    }

    [Fact]
    public async Task AuthCanI_AsGroupMemberInOtherNamespace_SaysNo()
    {
        var (code, output, _) = await RunAsync("--as=alice", "--as-group=g", "auth", "can-i", "create", "networkpolicies", "-n", "y");

        Assert.Equal(1, code);
        Assert.StartsWith("no", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthCanI_WithoutTheGroup_SaysNo()
    {
        var (code, output, _) = await RunAsync("--as=alice", "auth", "can-i", "create", "networkpolicies", "-n", "x");

        Assert.Equal(1, code);
        Assert.StartsWith("no", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AsUserWithoutGrant_PrintsTheForbiddenMessage()
    {
        var (code, _, error) = await RunAsync("--as=alice", "create", "namespace", "z");

        Assert.NotEqual(0, code);
        Assert.Contains("namespaces is forbidden: User \"alice\" cannot create resource \"namespaces\" in API group \"\" at the cluster scope", error, StringComparison.Ordinal);
    }
}
