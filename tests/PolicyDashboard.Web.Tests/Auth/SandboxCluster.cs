using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Sandbox.Authorization;

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// The embedded API server with a small RBAC model: alice may change NetworkPolicies in shop only (through group
/// netpol-shop), and a client provider for it as the dashboard's layers use.
/// </summary>
internal sealed class SandboxCluster : IAsyncDisposable
{
    private SandboxCluster(SandboxServer server)
    {
        Server = server;
        Provider = new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(server.BaseAddress));
    }

    public SandboxServer Server { get; }
    public KubernetesClientProvider Provider { get; }

    public static async Task<SandboxCluster> StartAsync() => new(await SandboxServer.StartAsync(new SandboxOptions
    {
        Scenario = "demo",
        Grants =
        [
            new SandboxGrant
            {
                Group = "netpol-shop", Verbs = ["get", "list", "create", "patch", "delete"], ApiGroups = ["networking.k8s.io"],
                Resources = ["networkpolicies"], Namespaces = ["shop"],
            },
            new SandboxGrant { User = "applier", Verbs = ["create", "patch"], ApiGroups = ["networking.k8s.io"], Resources = ["networkpolicies"] },
        ],
    }, TestContext.Current.CancellationToken));

    public IEnumerable<SandboxAuditEntry> Reviews => Server.Audit.Where(e => e.Resource == "selfsubjectaccessreviews");

    public async ValueTask DisposeAsync()
    {
        Provider.Dispose();
        await Server.DisposeAsync();
    }
}

internal sealed class FixedUser(DashboardUserHolder holder) : PolicyDashboard.Web.Auth.ICurrentUser
{
    public PolicyDashboard.Web.Auth.DashboardUser User => holder.User;
}

/// <summary>The user a test's services see; changeable mid-test (e.g. groups revalidated).</summary>
internal sealed class DashboardUserHolder(PolicyDashboard.Web.Auth.DashboardUser user)
{
    public PolicyDashboard.Web.Auth.DashboardUser User { get; set; } = user;
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}
