using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using PolicyDashboard.Core.Activity;
using PolicyDashboard.Core.Compose;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Sandbox.Authorization;
using PolicyDashboard.Web.Activity;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Auth;
using PolicyDashboard.Web.Tests.Compose;

using PolicyDashboard.Web.Tests.Components.Fakes;

namespace PolicyDashboard.Web.Tests.Activity;

/// <summary>
/// The activity history survives a restart of the dashboard: two app instances, one after the other, against one API
/// server the test started (Kubeconfig mode). A change applied through the composer is listed once after the restart;
/// a change made while no dashboard ran is recorded once, as seen at start.
/// </summary>
public sealed class ActivityRestartTests
{
    private const string AllowRedis = SeedManifests.AllowRedis;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ImmutableArray<ActivityEntry>> ReadyEntriesAsync(AuthTestApp app)
    {
        await app.Services.GetRequiredService<ActivityRecorder>().Ready.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        return app.Services.GetRequiredService<IActivityFeed>().Entries;
    }

    [Fact]
    public async Task ActivityHistory_DashboardRestarted_KeepsEntriesOnceAndRecordsChangesMadeWhileDown()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Scenario = "demo",
            Grants = [SandboxGrant.AllToUser(KubernetesIdentityResolver.UnsecuredLocalAdmin)],
        }, Ct);
        var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"pd-activity-{Guid.NewGuid():N}.kubeconfig"));
        var settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Mode"] = "Kubeconfig",
            ["Kubernetes:KubeconfigPath"] = kubeconfig,
            ["Auth:Mode"] = "Unsecured",
            ["Dashboard:StateNamespace"] = "kube-system",
        };
        try
        {
            string appliedId;
            await using (var first = new AuthTestApp(settings))
            {
                Assert.Empty(await ReadyEntriesAsync(first));
                using var scope = DraftRestartTests.SignedInScope(first.Services);
                var analysis = first.Services.GetRequiredService<IReachabilityAnalysis>();
                var draft = DraftAnalyzer.Analyze(AllowRedis, analysis.Current.Snapshot, Ct);
                var outcome = await scope.ServiceProvider.GetRequiredService<ComposerService>()
                    .ApplyAsync(draft, force: false, new HashSet<DangerKind>(Enum.GetValues<DangerKind>()), Ct);
                Assert.True(outcome.Succeeded, outcome.Refused ?? string.Join("; ", outcome.Results.Select(r => r.Result)));

                var entries = await first.Services.GetRequiredService<IActivityFeed>().WaitForAsync(e => e.Any(x => x.Name == "allow-redis"));
                var applied = Assert.Single(entries);
                Assert.Equal(("Local admin (unsecured)", AttributionSource.Annotation, ActivityAction.Created), (applied.Who, applied.WhoSource, applied.Action));
                Assert.True(applied.Closed > 0, $"closed {applied.Closed}");
                appliedId = applied.Id;
                // The feed shows entries once they are stored: what the next instance finds.
                Assert.Contains((await first.Services.GetRequiredService<ActivityHistoryStore>().LoadAsync(Ct)).Entries, e => e.Id == appliedId);
            }

            using (var client = new Kubernetes(new KubernetesClientConfiguration { Host = sandbox.BaseAddress.ToString() }))
                await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
                {
                    Metadata = new V1ObjectMeta { Name = "deny-all", NamespaceProperty = "team-doc" },
                    Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector() },
                }, "team-doc", fieldManager: "kubectl-create", cancellationToken: Ct);

            await using (var second = new AuthTestApp(settings))
            {
                var entries = await ReadyEntriesAsync(second);

                Assert.Equal(2, entries.Length);
                Assert.Equal(appliedId, Assert.Single(entries, e => e.Name == "allow-redis").Id);
                var whileDown = Assert.Single(entries, e => e.Name == "deny-all");
                Assert.True(whileDown.SeenAtStart);
                Assert.Equal((ActivityAction.Created, "kubectl-create"), (whileDown.Action, whileDown.Who));
                Assert.NotNull(whileDown.Closed);
            }

            await using (var third = new AuthTestApp(settings))
                Assert.Equal(2, (await ReadyEntriesAsync(third)).Length);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
