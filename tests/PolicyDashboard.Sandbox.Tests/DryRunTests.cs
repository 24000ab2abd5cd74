using System.Net;
using k8s;
using k8s.Models;

namespace PolicyDashboard.Sandbox.Tests;

public sealed class DryRunTests : SandboxTestBase
{
    [Fact]
    public async Task DryRun_EveryWriteKind_LeavesNoTrace()
    {
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("existing"), "default", cancellationToken: Timeout());
        var rvBefore = await CurrentResourceVersionAsync();
        var writesBefore = Server.WriteCount;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = Client.NetworkingV1.WatchListNamespacedNetworkPolicyAsync("default", resourceVersion: rvBefore, cancellationToken: cts.Token);
        await using var events = watch.GetAsyncEnumerator(cts.Token);
        var firstEvent = events.MoveNextAsync().AsTask();

        var created = await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("dry"), "default", dryRun: "All", cancellationToken: Timeout());
        var existing = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("existing", "default", cancellationToken: Timeout());
        existing.Metadata.Labels = new Dictionary<string, string> { ["dry"] = "run" };
        await Client.NetworkingV1.ReplaceNamespacedNetworkPolicyAsync(existing, "existing", "default", dryRun: "All", cancellationToken: Timeout());
        await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(new V1Patch("{\"metadata\":{\"labels\":{\"dry\":\"patch\"}}}", V1Patch.PatchType.MergePatch),
            "existing", "default", dryRun: "All", cancellationToken: Timeout());
        var applied = await Client.NetworkingV1.PatchNamespacedNetworkPolicyAsync(Apply(Policy("dry-apply")), "dry-apply", "default",
            dryRun: "All", fieldManager: "alice", cancellationToken: Timeout());
        await Client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("existing", "default", dryRun: "All", cancellationToken: Timeout());

        // The answers describe what would have been stored.
        Assert.Equal("dry", created.Metadata.Name);
        Assert.Equal("dry-apply", applied.Metadata.Name);
        // Nothing was stored, no resourceVersion was used, no write counted.
        Assert.Equal(rvBefore, await CurrentResourceVersionAsync());
        Assert.Equal(writesBefore, Server.WriteCount);
        var (code, _) = await FailureOf(() => Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("dry", "default", cancellationToken: Timeout()));
        Assert.Equal(HttpStatusCode.NotFound, code);
        await FailureOf(() => Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("dry-apply", "default", cancellationToken: Timeout()));
        var after = await Client.NetworkingV1.ReadNamespacedNetworkPolicyAsync("existing", "default", cancellationToken: Timeout());
        Assert.Null(after.Metadata.Labels);
        Assert.Equal(existing.Metadata.ResourceVersion, after.Metadata.ResourceVersion);

        // The first event the open watch sees is a real write made after all the dry runs.
        await Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(Policy("sentinel"), "default", cancellationToken: Timeout());
        Assert.True(await firstEvent);
        Assert.Equal(WatchEventType.Added, events.Current.Item1);
        Assert.Equal("sentinel", events.Current.Item2.Metadata.Name);
        Assert.Equal(writesBefore + 1, Server.WriteCount);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task DryRun_InvalidObject_StillReturns422()
    {
        var bad = Policy("dry-bad");
        bad.Spec.Ingress[0].Ports = [new V1NetworkPolicyPort { Port = 70000, Protocol = "TCP" }];

        var (code, _) = await FailureOf(() => Client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(bad, "default", dryRun: "All", cancellationToken: Timeout()));

        Assert.Equal((HttpStatusCode)422, code);
    }
}
