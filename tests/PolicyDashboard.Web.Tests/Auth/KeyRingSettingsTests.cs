using System.Xml.Linq;
using Microsoft.Extensions.Options;
using PolicyDashboard.Kube.Cluster;
using PolicyDashboard.Kube.State;
using PolicyDashboard.Sandbox;
using PolicyDashboard.Web.Auth;

namespace PolicyDashboard.Web.Tests.Auth;

public sealed class KeyRingSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(KubernetesMode.InCluster, KeyRingStore.Secret)]
    [InlineData(KubernetesMode.Kubeconfig, KeyRingStore.Directory)]
    [InlineData(KubernetesMode.Demo, KeyRingStore.Directory)]
    public void EffectiveStore_Unset_SecretOnlyInCluster(KubernetesMode mode, KeyRingStore expected) =>
        Assert.Equal(expected, new DataProtectionSettings().EffectiveStore(mode));

    [Fact]
    public void EffectiveStore_Explicit_WinsInCluster() =>
        Assert.Equal(KeyRingStore.Directory, new DataProtectionSettings { Store = "directory" }.EffectiveStore(KubernetesMode.InCluster));

    [Theory]
    [InlineData("Vault")]
    [InlineData("1")]
    public void Validate_UnknownStore_FailsNamingTheKey(string store)
    {
        var result = new DataProtectionSettingsValidator().Validate(null, new DataProtectionSettings { Store = store });

        Assert.True(result.Failed);
        Assert.Contains("DataProtection:Store", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSecretName_FailsNamingTheKey()
    {
        var result = new DataProtectionSettingsValidator().Validate(null, new DataProtectionSettings { SecretName = "Not_A_Name" });

        Assert.Contains("DataProtection:SecretName", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoreElement_TwoReplicasAtOnce_BothKeysKept()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Scenario = "empty" }, Ct);
        using var provider = new KubernetesClientProvider(KubernetesClientFactory.ForBaseUrl(server.BaseAddress));
        var store = new KubeStateStore(provider, Options.Create(new StateOptions { StateNamespace = "default" }), Options.Create(new KubernetesOptions()));
        var a = new KubernetesSecretXmlRepository(store, "keys");
        var b = new KubernetesSecretXmlRepository(store, "keys");
        // Each conflict one writer meets is a commit of the other (five at most), fewer than StateUpdates.MaxAttempts.

        await Task.WhenAll(
            Task.Run(() => { for (var i = 0; i < 5; i++) a.StoreElement(new XElement("key", new XAttribute("id", $"a{i}")), $"key-a{i}"); }, Ct),
            Task.Run(() => { for (var i = 0; i < 5; i++) b.StoreElement(new XElement("key", new XAttribute("id", $"b{i}")), $"key-b{i}"); }, Ct));

        Assert.Equal(10, a.GetAllElements().Select(e => e.Attribute("id")!.Value).Distinct().Count());
    }
}
