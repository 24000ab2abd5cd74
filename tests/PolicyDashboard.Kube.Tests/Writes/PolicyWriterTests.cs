using k8s;
using PolicyDashboard.Core.Model;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.Tests.Cluster;
using PolicyDashboard.Kube.Writes;
using IntOrString = PolicyDashboard.Core.Model.IntOrString;

namespace PolicyDashboard.Kube.Tests.Writes;

public sealed class PolicyWriterTests
{
    private const string AllowRedis = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-redis
          namespace: default
        spec:
          podSelector:
            matchLabels:
              role: db
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  k8s-app: guestbook
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_NewPolicy_IsCreatedAndSeenByTheStore()
    {
        await using var f = await ClusterFixture.StartAsync();
        await f.StartStoreAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));

        var result = await writer.ApplyAsync(AllowRedis, WriteOptions.Default, Ct);

        var applied = Assert.IsType<WriteResult.Applied>(result);
        Assert.False(string.IsNullOrEmpty(applied.ResourceVersion));
        var snapshot = await f.WaitUntilAsync(s => s.NetworkPolicies.ContainsKey(new ObjectKey("default", "allow-redis")), TimeSpan.FromSeconds(20), "policy appears");
        Assert.Equal(applied.ResourceVersion, snapshot.NetworkPolicies[new ObjectKey("default", "allow-redis")].Meta.ResourceVersion);
    }

    [Fact]
    public async Task Apply_DryRun_LeavesNoTrace()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));

        var result = await writer.ApplyAsync(AllowRedis, new WriteOptions(DryRun: true), Ct);

        Assert.True(Assert.IsType<WriteResult.Applied>(result).DryRun);
        Assert.Empty(await f.FreshNetworkPolicyVersionsAsync());
    }

    [Fact]
    public async Task Apply_InvalidCidr_IsInvalidWithTheFieldPath()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));
        var manifest = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: bad, namespace: default}
            spec:
              podSelector: {}
              egress:
              - to: [{ipBlock: {cidr: "10.0.0.0/33"}}]
            """;

        var result = await writer.ApplyAsync(manifest, WriteOptions.Default, Ct);

        var invalid = Assert.IsType<WriteResult.Invalid>(result);
        Assert.Contains(invalid.Causes, c => c.Field.Contains("cidr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_FieldOwnedByAnotherManager_ConflictsNamingItThenForceWins()
    {
        await using var f = await ClusterFixture.StartAsync();
        var other = new k8s.Models.V1Patch(
            """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"allow-redis","namespace":"default"},"spec":{"podSelector":{"matchLabels":{"role":"cache"}}}}""",
            k8s.Models.V1Patch.PatchType.ApplyPatch);
        await f.Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(other, "allow-redis", "default", fieldManager: "kubectl", cancellationToken: Ct);
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));

        var conflict = Assert.IsType<WriteResult.Conflict>(await writer.ApplyAsync(AllowRedis, WriteOptions.Default, Ct));
        Assert.Contains(conflict.Fields, c => c.Manager == "kubectl" && c.Field.StartsWith(".spec.podSelector", StringComparison.Ordinal));

        var forced = await writer.ApplyAsync(AllowRedis, new WriteOptions(Force: true), Ct);
        Assert.True(forced is WriteResult.Applied, forced.ToString());
        var stored = await f.Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("allow-redis", "default", cancellationToken: Ct);
        Assert.Equal("db", stored.Spec.PodSelector.MatchLabels["role"]);
    }

    [Fact]
    public async Task Apply_AdminNetworkPolicy_IsApplied()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));

        var result = await writer.ApplyAsync("""
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: deny-all-from-x}
            spec:
              priority: 10
              subject: {namespaces: {}}
              ingress:
              - action: Deny
                from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: x}}}]
            """, WriteOptions.Default, Ct);

        var applied = Assert.IsType<WriteResult.Applied>(result);
        Assert.Null(applied.Namespace);
        Assert.Equal("AdminNetworkPolicy", applied.Kind);
    }

    [Fact]
    public async Task Apply_NotAPolicyKind_IsInvalidWithoutCallingTheServer()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));

        var result = await writer.ApplyAsync("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", WriteOptions.Default, Ct);

        Assert.Equal("kind", Assert.Single(Assert.IsType<WriteResult.Invalid>(result).Causes).Field);
    }

    [Fact]
    public async Task Apply_UnparsableText_IsInvalidWithThePosition()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));

        var result = await writer.ApplyAsync("kind: NetworkPolicy\nmetadata: {name: [x\n", WriteOptions.Default, Ct);

        Assert.Contains("line", Assert.IsType<WriteResult.Invalid>(result).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ExistingThenMissing_DeletedThenNotFound()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));
        Assert.IsType<WriteResult.Applied>(await writer.ApplyAsync(AllowRedis, WriteOptions.Default, Ct));

        Assert.IsType<WriteResult.Deleted>(await writer.DeleteAsync("NetworkPolicy", "default", "allow-redis", WriteOptions.Default, Ct));
        Assert.IsType<WriteResult.NotFound>(await writer.DeleteAsync("NetworkPolicy", "default", "allow-redis", WriteOptions.Default, Ct));
    }

    [Fact]
    public async Task Delete_DryRun_KeepsTheObject()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));
        await writer.ApplyAsync(AllowRedis, WriteOptions.Default, Ct);

        Assert.True(Assert.IsType<WriteResult.Deleted>(await writer.DeleteAsync("networkpolicies", "default", "allow-redis", new WriteOptions(DryRun: true), Ct)).DryRun);
        Assert.Single(await f.FreshNetworkPolicyVersionsAsync());
    }

    [Fact]
    public async Task Apply_ServerUnreachable_IsAnErrorResultNotAnException()
    {
        var server = await PolicyDashboard.Sandbox.SandboxServer.StartAsync(new PolicyDashboard.Sandbox.SandboxOptions { Scenario = "empty" }, Ct);
        var address = server.BaseAddress;
        await server.DisposeAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(address)));

        Assert.IsType<WriteResult.Error>(await writer.ApplyAsync(AllowRedis, WriteOptions.Default, Ct));
    }
}

public sealed class PolicyWriterModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_NetworkPolicyRecord_RoundTripsThroughTheCluster()
    {
        await using var f = await ClusterFixture.StartAsync();
        await f.StartStoreAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));
        var policy = new NetworkPolicyInfo(
            new ObjectMeta("allow-web", "default", Uid: "stale-uid", Labels: Labels.Of(("team", "shop"))),
            LabelSelector.Of(("app", "web")),
            [PolicyType.Ingress],
            [new NetworkPolicyRule([new NetworkPolicyPeer(LabelSelector.Of(("app", "api")), null, null)], [new NetworkPolicyPort("TCP", IntOrString.Of(8080), null)])],
            []);

        var result = await writer.ApplyAsync(policy, WriteOptions.Default, Ct);

        Assert.True(result is WriteResult.Applied, result.ToString());
        var snapshot = await f.WaitUntilAsync(s => s.NetworkPolicies.ContainsKey(new ObjectKey("default", "allow-web")), TimeSpan.FromSeconds(20), "applied policy appears");
        var stored = snapshot.NetworkPolicies[new ObjectKey("default", "allow-web")];
        Assert.Equal(policy.PodSelector, stored.PodSelector);
        Assert.Equal(policy.Ingress[0].Peers, stored.Ingress[0].Peers);
        Assert.Equal(policy.Ingress[0].Ports, stored.Ingress[0].Ports);
        Assert.Equal("shop", stored.Meta.Labels["team"]);
    }

    [Fact]
    public async Task Apply_ClusterNetworkPolicyRecord_DryRunIsAcceptedAndNotStored()
    {
        await using var f = await ClusterFixture.StartAsync();
        var writer = new PolicyWriter(new KubernetesClientProvider(f.Client));
        var cnp = new AdminPolicyInfo(
            new ObjectMeta("baseline-deny", null), AdminPolicyKind.ClusterNetworkPolicy, AdminTier.Baseline, 10,
            new AdminSubject(LabelSelector.Everything, null),
            [new AdminRule("deny-all", "Deny", [new AdminPeer(LabelSelector.Everything, null, null, null)], [new AdminPort.Number("TCP", 80)])],
            []);

        var result = await writer.ApplyAsync(cnp, new WriteOptions(DryRun: true), Ct);

        Assert.True(result is WriteResult.Applied { DryRun: true }, result.ToString());
        using var response = await new KubeApi(f.Client).SendAsync(HttpMethod.Get, PolicyDashboard.Kube.Convert.ResourceKinds.ClusterNetworkPolicies.ObjectPath(null, "baseline-deny"), null, null, false, Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
