using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PolicyDashboard.Core.Compose;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Writes;
using PolicyDashboard.Web.Analysis;
using PolicyDashboard.Web.Auth;
using PolicyDashboard.Web.Compose;
using PolicyDashboard.Web.Tests.Browser;

namespace PolicyDashboard.Web.Tests.Compose;

/// <summary>Dry runs and applies through the real writer to the embedded API server.</summary>
public sealed class ComposerServiceTests : IAsyncLifetime
{
    private DashboardApp _app = null!;
    private Kubernetes _client = null!;

    private sealed class FixedUser(DashboardRole role) : ICurrentUser
    {
        public DashboardUser User { get; } = new("u", role == DashboardRole.Admin ? "Ada" : "Audrey", ImmutableArray.Create("g"), role, true, false);
    }

    public async ValueTask InitializeAsync()
    {
        _app = new DashboardApp();
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _app.Sandbox.BaseAddress.ToString() });
        await _app.WaitForAnalysisAsync(r => r.Snapshot.Pods.Count > 0 && r.Snapshot.NetworkPolicies.Count > 0);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private ComposerService Composer(DashboardRole role) => new(
        new PolicyWriter(new KubernetesClientProvider(_client)),
        new MutationGuard(new FixedUser(role), _app.Services.GetRequiredService<IOptionsMonitor<DashboardOptions>>(), NullLogger<MutationGuard>.Instance),
        _app.Services.GetRequiredService<IReachabilityAnalysis>(),
        NullLogger<ComposerService>.Instance);

    private DraftReport AllowRedis()
    {
        var snapshot = _app.Services.GetRequiredService<IReachabilityAnalysis>().Current.Snapshot;
        return DraftAnalyzer.Analyze(PolicyTemplates.Create("allow-redis", "default", snapshot)!.Yaml, snapshot, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DryRun_Admin_ServerAcceptsAndNothingIsWritten()
    {
        var writes = _app.PolicyWriteCount;

        var outcome = await Composer(DashboardRole.Admin).DryRunAsync(AllowRedis(), TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded, outcome.Refused);
        Assert.Equal(writes, _app.PolicyWriteCount);
        var list = await _client.NetworkingV1.ListNamespacedNetworkPolicyAsync("default", cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain(list.Items, p => p.Metadata.Name == "allow-redis");
    }

    [Fact]
    public async Task Apply_Admin_WritesThePolicyWithTheDashboardsFieldManagerAnnotatedWithWhoAndWhen()
    {
        var outcome = await Composer(DashboardRole.Admin).ApplyAsync(AllowRedis(), force: false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded, outcome.Refused);
        var policy = await _client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("allow-redis", "default", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(policy.Metadata.ManagedFields, m => m.Manager == PolicyWriter.FieldManager);
        Assert.Equal("Ada", policy.Metadata.Annotations[ComposerService.AppliedByAnnotation]);
        Assert.True(DateTimeOffset.TryParse(policy.Metadata.Annotations[ComposerService.AppliedAtAnnotation], out var at) && at > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task ApplyAndDryRun_Auditor_RefusedAndTheServerRecordsNoWrite()
    {
        var writes = _app.PolicyWriteCount;
        var composer = Composer(DashboardRole.Auditor);

        await Assert.ThrowsAsync<DashboardForbiddenException>(() => composer.ApplyAsync(AllowRedis(), false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<DashboardForbiddenException>(() => composer.DryRunAsync(AllowRedis(), TestContext.Current.CancellationToken));

        Assert.Equal(writes, _app.PolicyWriteCount);
    }

    [Fact]
    public async Task Apply_FieldOwnedByAnotherManager_ConflictNamesFieldAndManagerThenForceWins()
    {
        var other = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = "allow-redis", NamespaceProperty = "default" },
            Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "cache" } } },
        };
        await _client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(new V1Patch(KubernetesJson.Serialize(other), V1Patch.PatchType.ApplyPatch),
            "allow-redis", "default", fieldManager: "kubectl", cancellationToken: TestContext.Current.CancellationToken);
        var composer = Composer(DashboardRole.Admin);

        var first = await composer.ApplyAsync(AllowRedis(), force: false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken);

        Assert.True(first.Conflicted);
        var conflict = Assert.IsType<WriteResult.Conflict>(Assert.Single(first.Results).Result);
        Assert.Contains(conflict.Fields, f => f.Manager == "kubectl" && f.Field.Contains("podSelector", StringComparison.Ordinal));

        var forced = await composer.ApplyAsync(AllowRedis(), force: true, new HashSet<DangerKind>(), TestContext.Current.CancellationToken);

        Assert.True(forced.Succeeded, forced.Refused);
        var policy = await _client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("allow-redis", "default", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("db", policy.Spec.PodSelector.MatchLabels["role"]);
    }

    [Fact]
    public async Task Apply_TwiceAtOnce_OnlyOneWriteRuns()
    {
        var composer = Composer(DashboardRole.Admin);
        var draft = AllowRedis();
        var writes = _app.PolicyWriteCount;

        var outcomes = await Task.WhenAll(
            composer.ApplyAsync(draft, false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken),
            composer.ApplyAsync(draft, false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken));

        Assert.Equal(1, outcomes.Count(o => o.Succeeded));
        Assert.Contains(outcomes, o => o.Refused == "another write is still running");
        Assert.Equal(writes + 1, _app.PolicyWriteCount);
    }

    [Fact]
    public async Task Apply_UnconfirmedDanger_RefusedWithoutWriting()
    {
        var snapshot = _app.Services.GetRequiredService<IReachabilityAnalysis>().Current.Snapshot;
        var draft = DraftAnalyzer.Analyze("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: open-all
              namespace: default
            spec:
              podSelector: {}
              ingress:
              - {}
            """, snapshot, TestContext.Current.CancellationToken);
        Assert.Contains(draft.Dangers, d => d.Kind == DangerKind.AllowsAll);
        var writes = _app.PolicyWriteCount;

        var outcome = await Composer(DashboardRole.Admin).ApplyAsync(draft, false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("confirm first", outcome.Refused, StringComparison.Ordinal);
        Assert.Equal(writes, _app.PolicyWriteCount);
    }

    private Task<AnalysisResult> WaitForAsync(Func<AnalysisResult, bool> condition) => _app.WaitForAnalysisAsync(condition);

    [Fact]
    public async Task Apply_EditedPolicyChangedSinceLoaded_RefusedAsConflictNamingTheVersions()
    {
        var key = new PolicyDashboard.Core.Model.ObjectKey("shop", "allow-api-to-db");
        var snapshot = _app.Services.GetRequiredService<IReachabilityAnalysis>().Current.Snapshot;
        var loaded = snapshot.NetworkPolicies[key];
        var draft = DraftAnalyzer.Analyze(PolicyYaml.Of(loaded with { Meta = new PolicyDashboard.Core.Model.ObjectMeta(loaded.Name, loaded.Namespace, ResourceVersion: loaded.Meta.ResourceVersion) }),
            snapshot, TestContext.Current.CancellationToken);
        await _client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(new V1Patch("""{"metadata":{"labels":{"edited":"elsewhere"}}}""", V1Patch.PatchType.MergePatch),
            "allow-api-to-db", "shop", cancellationToken: TestContext.Current.CancellationToken);
        await WaitForAsync(r => r.Snapshot.NetworkPolicies[key].Meta.ResourceVersion != loaded.Meta.ResourceVersion);
        var writes = _app.PolicyWriteCount;

        var outcome = await Composer(DashboardRole.Admin).ApplyAsync(draft, false, new HashSet<DangerKind>(Enum.GetValues<DangerKind>()), TestContext.Current.CancellationToken);

        var conflict = Assert.IsType<WriteResult.Conflict>(Assert.Single(outcome.Results).Result);
        Assert.Contains($"resourceVersion {loaded.Meta.ResourceVersion}", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(writes, _app.PolicyWriteCount);
    }

    [Fact]
    public async Task Delete_LastPolicyOfANamespaceUnconfirmedThenConfirmed_RefusedThenDeleted()
    {
        foreach (var name in new[] { "default-deny-all", "allow-dns-egress", "allow-web-from-ingress", "allow-api-from-web", "allow-db-from-api", "allow-web-to-api" })
            await _client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(name, "shop", cancellationToken: TestContext.Current.CancellationToken);
        var key = new PolicyDashboard.Core.Model.ObjectKey("shop", "allow-api-to-db");
        await WaitForAsync(r => r.Snapshot.NetworkPolicies.Keys.Count(k => k.Namespace == "shop") == 1);
        var composer = Composer(DashboardRole.Admin);

        var refused = await composer.DeleteAsync(key, dryRun: false, new HashSet<DangerKind>(), TestContext.Current.CancellationToken);
        Assert.StartsWith("confirm first", refused.Refused, StringComparison.Ordinal);

        var deleted = await composer.DeleteAsync(key, dryRun: false, new HashSet<DangerKind> { DangerKind.RemovesLastIsolation }, TestContext.Current.CancellationToken);
        Assert.True(deleted.Succeeded, deleted.Refused);
        var list = await _client.NetworkingV1.ListNamespacedNetworkPolicyAsync("shop", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(list.Items);
    }
}
