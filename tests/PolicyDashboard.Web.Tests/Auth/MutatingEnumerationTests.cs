using System.Collections.Immutable;
using System.Reflection;
using k8s;
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

namespace PolicyDashboard.Web.Tests.Auth;

/// <summary>
/// Every method marked [Mutating] in the app, found by reflection, called as an auditor with arguments that would
/// succeed for an admin: each is refused, and the embedded API server records no write. A new mutating method
/// without an entry in <see cref="Instances"/> fails this test until it is added.
/// </summary>
public sealed class MutatingEnumerationTests : IAsyncLifetime
{
    private DashboardApp _app = null!;
    private Kubernetes _client = null!;

    private sealed class FixedUser(DashboardRole role) : ICurrentUser
    {
        public DashboardUser User { get; } = new("u", "Audrey", ImmutableArray.Create("auditors"), role, true, false);
    }

    /// <summary>A draft an admin saved, which the auditor's delete must leave alone.</summary>
    private string _draftId = "";

    public async ValueTask InitializeAsync()
    {
        _app = new DashboardApp();
        _client = new Kubernetes(new KubernetesClientConfiguration { Host = _app.Sandbox.BaseAddress.ToString() });
        await _app.WaitForAnalysisAsync(r => r.Snapshot.Pods.Count > 0);
        // The activity history's first write (its baseline) must not fall inside a measurement below.
        await _app.WaitForActivityAsync();
        var admin = (ClusterDraftStore)Instances()[typeof(ClusterDraftStore)](DashboardRole.Admin);
        _draftId = (await admin.SaveAsync(new Draft("", "an admin's", "kind: NetworkPolicy\n", "shop", default, null), TestContext.Current.CancellationToken)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    /// <summary>How to build each type that has mutating methods, for a given user role.</summary>
    private Dictionary<Type, Func<DashboardRole, object>> Instances() => new()
    {
        [typeof(ComposerService)] = role => new ComposerService(
            new PolicyWriter(new KubernetesClientProvider(_client)),
            new MutationGuard(new FixedUser(role), _app.Services.GetRequiredService<IOptionsMonitor<DashboardOptions>>(), NullLogger<MutationGuard>.Instance),
            _app.Services.GetRequiredService<IReachabilityAnalysis>(),
            NullLogger<ComposerService>.Instance),
        [typeof(ActingUserPolicyWriter)] = role => new ActingUserPolicyWriter(
            new PolicyWriter(new KubernetesClientProvider(_client)),
            new MutationGuard(new FixedUser(role), _app.Services.GetRequiredService<IOptionsMonitor<DashboardOptions>>(), NullLogger<MutationGuard>.Instance),
            new FixedUser(role),
            _app.Services.GetRequiredService<KubernetesIdentityResolver>()),
        [typeof(ClusterDraftStore)] = role => new ClusterDraftStore(
            _app.Services.GetRequiredService<PolicyDashboard.Kube.State.IStateStore>(),
            new MutationGuard(new FixedUser(role), _app.Services.GetRequiredService<IOptionsMonitor<DashboardOptions>>(), NullLogger<MutationGuard>.Instance),
            TimeProvider.System),
    };

    /// <summary>Like <see cref="Argument(Type)"/>; strings chosen by parameter name (a manifest, a kind, a namespace, a name).</summary>
    private object? Argument(ParameterInfo parameter)
    {
        var snapshot = _app.Services.GetRequiredService<IReachabilityAnalysis>().Current.Snapshot;
        if (parameter.ParameterType == typeof(string))
            return parameter.Name switch
            {
                "manifest" => "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: enumerated, namespace: shop}\nspec: {podSelector: {}}\n",
                "kind" => "NetworkPolicy",
                "namespace" => "shop",
                "name" => "allow-api-to-db",
                "id" => _draftId,
                _ => throw new InvalidOperationException($"no sample string for parameter {parameter.Name}: add one to {nameof(Argument)}"),
            };
        if (parameter.ParameterType == typeof(WriteOptions)) return WriteOptions.Default;
        if (parameter.ParameterType == typeof(PolicyDashboard.Core.Model.NetworkPolicyInfo)) return snapshot.NetworkPolicies.Values.First();
        if (parameter.ParameterType == typeof(PolicyDashboard.Core.Model.AdminPolicyInfo))
            return snapshot.AdminPolicies.Values.FirstOrDefault() ?? throw new InvalidOperationException("the demo cluster has no admin policy to reuse");
        return Argument(parameter.ParameterType);
    }

    /// <summary>Arguments that would make the call write for an admin.</summary>
    private object? Argument(Type type)
    {
        if (type == typeof(DraftReport))
        {
            var snapshot = _app.Services.GetRequiredService<IReachabilityAnalysis>().Current.Snapshot;
            return DraftAnalyzer.Analyze(PolicyTemplates.Create("allow-redis", "default", snapshot)!.Yaml, snapshot, TestContext.Current.CancellationToken);
        }
        if (type == typeof(IReadOnlySet<DangerKind>)) return new HashSet<DangerKind>(Enum.GetValues<DangerKind>());
        if (type == typeof(CancellationToken)) return TestContext.Current.CancellationToken;
        if (type == typeof(bool)) return false;
        if (type == typeof(Draft)) return new Draft("", "enumerated", "kind: NetworkPolicy\n", "shop", default, null);
        if (type == typeof(PolicyDashboard.Core.Model.ObjectKey)) return new PolicyDashboard.Core.Model.ObjectKey("shop", "allow-api-to-db");
        throw new InvalidOperationException($"no sample argument of type {type}: add one to {nameof(Argument)}");
    }

    [Fact]
    public async Task EveryMutatingMethod_Auditor_RefusedAndNothingWritten()
    {
        var methods = MutatingRegistry.FindMutatingMethods(typeof(MutatingAttribute).Assembly);
        var instances = Instances();
        Assert.NotEmpty(methods);
        var writes = _app.Sandbox.WriteCount;

        foreach (var method in methods)
        {
            Assert.True(instances.ContainsKey(method.DeclaringType!), $"{method.DeclaringType}.{method.Name} is [Mutating] but this test cannot build its type: add it to {nameof(Instances)}");
            var target = instances[method.DeclaringType!](DashboardRole.Auditor);
            var args = method.GetParameters().Select(Argument).ToArray();
            var refused = false;
            try
            {
                var result = method.Invoke(target, args);
                if (result is Task task) await task;
            }
            catch (Exception ex) when (ex is DashboardForbiddenException || ex.InnerException is DashboardForbiddenException)
            {
                refused = true;
            }
            Assert.True(refused, $"{method.DeclaringType!.Name}.{method.Name} ran for an auditor");
        }

        Assert.Equal(writes, _app.Sandbox.WriteCount);
    }

    [Fact]
    public async Task ApplyAsync_AdminWithTheSameArguments_Writes()
    {
        // The arguments above are real: as an admin the same calls reach the API server (a dry run is a request too).
        var method = typeof(ComposerService).GetMethod(nameof(ComposerService.ApplyAsync))!;
        var target = Instances()[typeof(ComposerService)](DashboardRole.Admin);
        var writes = _app.PolicyWriteCount;

        var outcome = await (Task<ComposeOutcome>)method.Invoke(target, method.GetParameters().Select(p => Argument(p.ParameterType)).ToArray())!;

        Assert.True(outcome.Succeeded, outcome.Refused);
        Assert.Equal(writes + 1, _app.PolicyWriteCount);
    }
}
